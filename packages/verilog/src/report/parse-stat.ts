import type { DeviceBudget } from './xc7a100t-budget.js';
import { XC7A100T } from './xc7a100t-budget.js';

/** LUTs used by each LUT-RAM / shift-register primitive of the 7 series (UG474, UG953). */
const LUTS_PER_MEMORY_CELL: Readonly<Record<string, number>> = {
  RAM32X1S: 1,
  RAM64X1S: 1,
  RAM128X1S: 2,
  RAM256X1S: 4,
  RAM32X1D: 2,
  RAM64X1D: 2,
  RAM128X1D: 4,
  RAM32M: 4,
  RAM64M: 4,
  SRL16E: 1,
  SRLC32E: 1,
};

/** Resource use of a synthesized design, checked against a device. */
export interface ResourceReport {
  /** LUTs: LUT1–LUT6 plus the LUTs inside LUT-RAM and shift-register cells. */
  luts: number;
  /** The part of `luts` used as memory (LUT-RAM, SRL). */
  lutsAsMemory: number;
  /** Flip-flops (FDRE, FDSE, FDCE, FDPE). */
  ffs: number;
  /** DSP48E1 slices. */
  dsp: number;
  /** RAMB36E1 cells. */
  ramb36: number;
  /** RAMB18E1 cells. */
  ramb18: number;
  /** Block RAM in RAMB36 units: `ramb36 + ramb18 / 2`. */
  bram36: number;
  /** Every cell type and its count, as `stat` printed them. */
  cells: Record<string, number>;
  /** The device checked against. */
  device: DeviceBudget;
  /** Fraction of the device used, per resource. */
  utilization: {
    /** LUTs used (logic + LUT-RAM/SRL) / LUTs available; > 1 when over budget. */
    luts: number;
    /** Flip-flops used / available. */
    ffs: number;
    /** DSP48E1 slices used / available. */
    dsp: number;
    /** Block RAM used in RAMB36 equivalents (RAMB36 + RAMB18/2) / RAMB36 available. */
    bram36: number;
  };
  /** Resources over budget (empty when it fits). */
  over: ('luts' | 'ffs' | 'dsp' | 'bram36')[];
  /** Whether every resource is within the device. */
  fits: boolean;
}

/**
 * Parses the cell counts of Yosys `stat` output (the last `Number of cells` block, i.e. the
 * flattened top or the hierarchy total) into a {@link ResourceReport} checked against `device`
 * (default {@link XC7A100T}).
 *
 * @example
 * ```ts
 * import { parseStat, renderResources } from '@latentkit/verilog';
 *
 * const r = parseStat(yosysStatText); // the log of `synth_xilinx; stat`
 * r.luts; r.dsp; r.bram36; // cell counts
 * r.fits; // within the XC7A100T's budget
 * console.log(renderResources(r));
 * ```
 */
export function parseStat(statText: string, device: DeviceBudget = XC7A100T): ResourceReport {
  const blocks = statText.split(/Number of cells:?/);
  const last = blocks[blocks.length - 1] ?? '';
  const cells: Record<string, number> = {};
  for (const line of last.split('\n').slice(1)) {
    const m = /^\s+([A-Za-z_$][\w$\\.]*)\s+(\d+)\s*$/.exec(line);
    if (m) cells[m[1]!] = (cells[m[1]!] ?? 0) + Number(m[2]);
    else if (line.trim() !== '' && Object.keys(cells).length > 0) break;
  }
  const get = (k: string) => cells[k] ?? 0;
  let logic = 0;
  for (let k = 1; k <= 6; k++) logic += get(`LUT${k}`);
  let mem = 0;
  for (const [k, n] of Object.entries(LUTS_PER_MEMORY_CELL)) mem += get(k) * n;
  const ffs = get('FDRE') + get('FDSE') + get('FDCE') + get('FDPE');
  const ramb36 = get('RAMB36E1');
  const ramb18 = get('RAMB18E1');
  const bram36 = ramb36 + ramb18 / 2;
  const luts = logic + mem;
  const dsp = get('DSP48E1');
  const utilization = {
    luts: luts / device.luts,
    ffs: ffs / device.ffs,
    dsp: dsp / device.dsp,
    bram36: bram36 / device.ramb36,
  };
  const over = (Object.keys(utilization) as (keyof typeof utilization)[]).filter(
    (k) => utilization[k] > 1,
  );
  return {
    luts,
    lutsAsMemory: mem,
    ffs,
    dsp,
    ramb36,
    ramb18,
    bram36,
    cells,
    device,
    utilization,
    over,
    fits: over.length === 0,
  };
}

/**
 * A Markdown table of a {@link ResourceReport} (used / available / %).
 *
 * @example
 * ```ts
 * import { renderResources } from '@latentkit/verilog';
 * import { synthesize } from '@latentkit/verilog/node';
 *
 * const { resources } = await synthesize(design);
 * console.log(renderResources(resources, 'VAE on XC7A100T')); // | LUT | used | available | % |
 * ```
 */
export function renderResources(r: ResourceReport, title = 'Resources'): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  return (
    `| ${title} (${r.device.device}) | used | available | utilization |\n` +
    `| --- | ---: | ---: | ---: |\n` +
    `| LUT (of which LUT-RAM/SRL) | ${r.luts} (${r.lutsAsMemory}) | ${r.device.luts} | ${pct(r.utilization.luts)} |\n` +
    `| Flip-flop | ${r.ffs} | ${r.device.ffs} | ${pct(r.utilization.ffs)} |\n` +
    `| DSP48E1 | ${r.dsp} | ${r.device.dsp} | ${pct(r.utilization.dsp)} |\n` +
    `| Block RAM (RAMB36 + RAMB18/2) | ${r.bram36} (${r.ramb36} + ${r.ramb18}/2) | ${r.device.ramb36} | ${pct(r.utilization.bram36)} |\n`
  );
}
