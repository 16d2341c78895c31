import { VerilogToolError } from '../errors/verilog-tool-error.js';

/** One cell on a timing path, as Yosys `sta` lists it. */
export interface TimingStep {
  /** Arrival time at the cell's output (or, for the end point, its input), ns. */
  arrivalNs: number;
  /** Cell instance name (Yosys' flattened name). */
  cell: string;
  /** Cell type, e.g. `'DSP48E1'`, `'CARRY4'`, `'FDRE'`. */
  cellType: string;
  /** Timing arc `FROM->TO` (ports), or the end point's port (e.g. `'D'`) without an arrow. */
  arc: string;
  /** The net the step drives (the line below it in Yosys' listing), if given. */
  net: string;
}

/** One register-to-register (or input-to-register) path of a {@link TimingReport}. */
export interface TimingPath {
  /** Launching cell: the first cell after the clock buffers (a flip-flop, block RAM, LUT RAM …). */
  start: {
    /** Cell name in the netlist. */
    cell: string;
    /** Cell type (e.g. `FDRE`, `RAMB18E1`). */
    cellType: string;
  };
  /**
   * End point: the capturing cell and port (e.g. `FDRE.D`), or `cellType: 'unknown'` where
   * Yosys could not name one (the path ends in a port without a setup arc).
   */
  end: {
    /** Cell name in the netlist. */
    cell: string;
    /** Cell type and port (e.g. `FDRE.D`), or `'unknown'`. */
    cellType: string;
    /** The net that arrives at the end point. */
    net: string;
  };
  /** Arrival time at the end point from the clock pin, ns (includes the clock buffer's delay). */
  arrivalNs: number;
  /**
   * Logic delay of the path, ns: arrival at the end point minus the arrival of the clock at the
   * launching cell — cell delays only (clock-to-out, LUTs, carry chains, DSP, block RAM), no
   * routing and no setup time.
   */
  delayNs: number;
  /** The cells from the launching cell to the end point, in signal order. */
  steps: TimingStep[];
}

/** Endpoint count per arrival-time bin of `sta`'s histogram (counts are approximate there). */
export interface TimingHistogramBin {
  /** Upper bound of the bin, ns (bins as Yosys prints them, `(upperNs, lowerNs]`, latest first). */
  upperNs: number;
  /** Lower bound of the bin, ns. */
  lowerNs: number;
  /** Endpoints in the bin, at least (Yosys' bar chart is approximate). */
  minEndpoints: number;
  /** Endpoints in the bin, at most. */
  maxEndpoints: number;
}

/** A parsed `sta` run: its critical path and arrival histogram. */
export interface StaRun {
  /** Top module. */
  module: string;
  /** The critical path. */
  path: TimingPath;
  /** Arrival histogram of every endpoint. */
  histogram: TimingHistogramBin[];
}

const PS_PER_NS = 1000;
const HEAD = /^Latest arrival time in '([^']*)' is (-?\d+):\s*$/;
const STEP = /^\s*(-?\d+) (?:(.*) )?\((?:([A-Za-z0-9_$]+)\.([^()]*)|<([a-z ]+)>)\)\s*$/;
const NET = /^\s{4,}(\S.*)$/;
const BIN = /^\(\s*(-?\d+),\s*(-?\d+)\]\s*\|([*+]*)\s*$/;
const LEGEND = /^\s*legend: \* represents (\d+) endpoint/;
const CLOCK_TREE = new Set(['BUFG', 'BUFGCTRL', 'BUFH', 'IBUF', 'IBUFG', 'BUFR', 'BUFIO']);

/**
 * Parses the text of one Yosys `sta` run (units: the cell library's ps, returned in ns): the
 * critical path, listed end point first, and the arrival histogram. The launching cell is the
 * first cell after the clock tree (`IBUF`, `BUFG` …); the path's logic delay is its end arrival
 * minus the clock's arrival there.
 *
 * @throws {@link VerilogToolError} (`yosys`, `failed`) when the text holds no `Latest arrival
 *   time` line or no path below it.
 *
 * @example
 * ```ts
 * import { parseSta } from '@latentkit/verilog/node';
 *
 * const run = parseSta(staText); // the log of one Yosys `sta` run
 * run.path.delayNs; // the worst path's delay, ns; run.path.steps: its cells
 * ```
 */
export function parseSta(text: string): StaRun {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => HEAD.test(l));
  if (at < 0) {
    throw new VerilogToolError('yosys', 'no "Latest arrival time" line in the sta output', text);
  }
  const module = HEAD.exec(lines[at]!)![1]!;
  const raw: { arrival: number; cell: string; type: string; port: string; net: string }[] = [];
  let i = at + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*$/.test(line) || line.startsWith('Arrival histogram')) break;
    if (line.startsWith('Warning:')) continue;
    const m = STEP.exec(line);
    if (m) {
      const type = m[3] ?? `<${m[5]}>`;
      raw.push({
        arrival: Number(m[1]),
        cell: (m[2] ?? '').trim(),
        type,
        port: m[4] ?? '',
        net: '',
      });
      continue;
    }
    const n = NET.exec(line);
    if (n && raw.length > 0) raw[raw.length - 1]!.net = n[1]!.trim();
  }
  // Yosys lists the end point first; drop the primary input and the clock tree at the bottom.
  const chain = raw.filter((r) => !r.type.startsWith('<') && !CLOCK_TREE.has(r.type)).reverse();
  const endRaw = raw[0];
  if (!endRaw || chain.length === 0) {
    throw new VerilogToolError('yosys', 'the sta output lists no path cells', text);
  }
  const startRaw = chain[0]!;
  const below = raw[raw.indexOf(startRaw) + 1];
  const clockAt = below ? below.arrival : 0;
  const unknownEnd = endRaw.type === '<unknown>';
  const steps: TimingStep[] = chain.map((r) => ({
    arrivalNs: r.arrival / PS_PER_NS,
    cell: r.cell,
    cellType: r.type,
    arc: r.port,
    net: r.net,
  }));
  const path: TimingPath = {
    start: { cell: startRaw.cell, cellType: startRaw.type },
    end: unknownEnd
      ? { cell: '', cellType: 'unknown', net: endRaw.net }
      : { cell: endRaw.cell, cellType: `${endRaw.type}.${endRaw.port}`, net: endRaw.net },
    arrivalNs: endRaw.arrival / PS_PER_NS,
    delayNs: (endRaw.arrival - clockAt) / PS_PER_NS,
    steps: unknownEnd ? steps : steps.slice(0, -1),
  };
  return { module, path, histogram: parseHistogram(lines.slice(i)) };
}

function parseHistogram(lines: string[]): TimingHistogramBin[] {
  let unit = 1;
  const bins: TimingHistogramBin[] = [];
  for (const line of lines) {
    const legend = LEGEND.exec(line);
    if (legend) unit = Number(legend[1]);
    const m = BIN.exec(line);
    if (!m) continue;
    const stars = (m[3]!.match(/\*/g) ?? []).length;
    const plus = m[3]!.includes('+');
    bins.push({
      upperNs: Number(m[1]) / PS_PER_NS,
      lowerNs: Number(m[2]) / PS_PER_NS,
      minEndpoints: stars * unit + (plus ? 1 : 0),
      maxEndpoints: stars * unit + (plus ? unit - 1 : 0),
    });
  }
  return bins;
}
