/**
 * The hardware demo's page state and what it says: the error report, sigmoid table and design
 * the worker sent, turned into the chart's series, the tables' cells, the notes and the `data-*`
 * attributes tests read. Pure functions, tested in Node.
 */
import { paletteColor } from '@latentkit/report';
import { fmt } from '../common/dom.js';
import type { LineSeries } from '../common/line-chart.js';
import { BIT_CHOICES } from './hardware-model.js';
import type {
  ErrorReport,
  HardwareDesign,
  SigmoidRow,
  SigmoidRows,
  WidthErrors,
} from './hardware-session.js';
import type { IrisSynthesis } from './iris-setup.js';

/** The report's entry at `bits`. @throws {RangeError} when the report has no such width. */
export function entryAt(report: ErrorReport, bits: number): WidthErrors {
  const entry = report.entries.find((e) => e.bits === bits);
  if (!entry) throw new RangeError(`the report has no entry at ${bits} bits`);
  return entry;
}

/** The width shown first: `bits` if the demo offers it, else 8. */
export function initialBits(bits: number | undefined): number {
  return bits !== undefined && BIT_CHOICES.includes(bits) ? bits : 8;
}

/**
 * The sentence after the MSE at `bits`: the float model's MSE, the relative change, and — when
 * even the widest width stays more than 2 % above float — why (saturation, not rounding).
 */
export function mseRemark(report: ErrorReport, bits: number): string {
  const entry = entryAt(report, bits);
  const widest = report.entries[report.entries.length - 1]!;
  const saturation =
    widest.mseRelativeChange > 0.02
      ? ` Even at ${widest.bits} bits the error stays ${fmt(100 * widest.mseRelativeChange, 1)} % above float: that is saturation, not rounding — the formats come from the 120 training rows, and some test rows drive a layer past its calibrated range (see its low activation SQNR below).`
      : '';
  const sign = entry.mseRelativeChange >= 0 ? '+' : '−';
  return (
    ` (float ${fmt(report.float.mse, 5)}; ${sign}${fmt(Math.abs(100 * entry.mseRelativeChange), 2)} %). ` +
    `Standardized units, 30 test rows, z = μ.${saturation}`
  );
}

/** The chart's series: log₁₀ test MSE against the width, and the float model (dashed). */
export function errorSeries(report: ErrorReport): LineSeries[] {
  const floatLog = Math.log10(report.float.mse);
  return [
    {
      label: 'quantized',
      color: paletteColor(0),
      x: report.entries.map((e) => e.bits),
      y: report.entries.map((e) => Math.log10(e.mse)),
    },
    {
      label: 'float',
      color: paletteColor(1),
      x: [BIT_CHOICES[0]!, BIT_CHOICES[BIT_CHOICES.length - 1]!],
      y: [floatLog, floatLog],
      dashed: true,
    },
  ];
}

/** The SQNR table's body: layer, weight SQNR, activation SQNR (dB, 1 decimal). */
export function sqnrCells(entry: WidthErrors): string[][] {
  return entry.layers.map((l) => [
    `${l.part} ${l.name}`,
    fmt(l.weightSqnrDb, 1),
    fmt(l.activationSqnrDb, 1),
  ]);
}

/** The sigmoid table's caption at `bits`. */
export function sigmoidCaption(bits: number): string {
  return `Sigmoid units for input s${bits}.${bits - 4}, output s${bits}.${bits - 2}: |error| against σ(x) over every input code`;
}

/** One row of the sigmoid table: unit, max and mean |error|, ROM entries, multipliers. */
export function sigmoidCells(row: SigmoidRow): string[] {
  return [
    row.label,
    row.maxAbsError.toExponential(2),
    row.meanAbsError.toExponential(2),
    String(row.lutEntries),
    String(row.multipliers),
  ];
}

/** The note under the sigmoid table. */
export function sigmoidNote(chosen: string): string {
  return `Highlighted: ${chosen}, the unit defaultSigmoid picks (smallest max error within 1024 ROM entries and 1 multiplier). The encoder's tanh is 2σ(2x) − 1 around it. The Taylor series diverges beyond |x| ≈ 2.`;
}

/** The resources table's body: bits, LUT, FF, DSP48E1, RAMB36. */
export function resourceCells(synthesis: readonly IrisSynthesis[]): string[][] {
  return synthesis.map((s) => [s.bits, s.luts, s.ffs, s.dsp, s.bram36].map(String));
}

/** The note under the resources (or instead of them, when synthesis figures are missing). */
export function resourcesNote(synthesis: readonly IrisSynthesis[] | string, bits: number): string {
  if (typeof synthesis === 'string') {
    return `FPGA resources: synthesis ${synthesis}. Run the pretraining script (or the verilog bench) with @yowasp/yosys installed.`;
  }
  return synthesis.some((s) => s.bits === bits)
    ? 'Technology mapping by the pretraining script (no place and route). The device has 63,400 LUTs, 126,800 FFs, 240 DSP48E1 and 135 RAMB36.'
    : `No synthesis figures for ${bits} bits: synthesis runs outside the page (pretraining script or bench) at ${synthesis.map((s) => s.bits).join(', ')} bits.`;
}

/** What the Verilog panel says about a design: its files, their size, and how to simulate it. */
export interface DesignSummary {
  /** File names, sorted. */
  names: string[];
  /** Characters in all files (bytes: the files are ASCII). */
  bytes: number;
  /** Line after the archive's link. */
  archiveText: string;
  /** The note on core, board top and testbench. */
  note: string;
}

/** See {@link DesignSummary}. */
export function designSummary(design: HardwareDesign): DesignSummary {
  const names = Object.keys(design.files).sort();
  const bytes = names.reduce((s, n) => s + design.files[n]!.length, 0);
  const { core } = design;
  const cycles = core.layers.reduce((s, l) => s + l.computeCycles, 0);
  const layers = core.layers
    .map((l) => `${l.layer} ${l.inFeatures}→${l.outFeatures} (${l.unit}, ${l.lanes} MAC)`)
    .join('; ');
  return {
    names,
    bytes,
    archiveText: ` — all ${names.length} files (${fmt(bytes / 1024, 1)} KiB) in one tar archive.`,
    note:
      `Core ${core.top}: ${layers}; ≈ ${cycles} compute cycles per vector. ` +
      `Board top ${design.boardTop} (UART 115200 baud) with its XDC; testbench ${design.testbenchTop} checks the 30 test rows against the golden model: iverilog -o tb ${core.sources.join(' ')} ${design.testbenchTop}.v && vvp tb.`,
  };
}

/** The `data-*` numbers of a width: `bits`, `mse`, `float-mse`, `sigmoid-unit`. */
export function numbersData(report: ErrorReport, sigmoid: SigmoidRows): Record<string, string> {
  return {
    bits: String(sigmoid.bits),
    mse: entryAt(report, sigmoid.bits).mse.toExponential(6),
    'float-mse': report.float.mse.toExponential(6),
    'sigmoid-unit': sigmoid.chosen,
  };
}

/** The `data-*` numbers of a design: `verilog-files`, `verilog-bytes`, `verilog-top`. */
export function designData(design: HardwareDesign): Record<string, string> {
  const { names, bytes } = designSummary(design);
  return {
    'verilog-files': String(names.length),
    'verilog-bytes': String(bytes),
    'verilog-top': design.core.top,
  };
}
