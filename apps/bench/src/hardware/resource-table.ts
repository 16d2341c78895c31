import type { ResourceReport } from '@latentkit/verilog';
import type { BenchTable } from '../benchmark.js';

/** One synthesized design for {@link resourceTable}. */
export interface SynthesizedDesign {
  /** Name shown in the first column. */
  design: string;
  /** Parsed `stat` of `synth_xilinx`, checked against the device. */
  resources: ResourceReport;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * Resource use of synthesized designs against their device (the XC7A100T budget): one row per
 * design with LUTs (of which LUT-RAM / SRL), flip-flops, DSP48E1 and block RAM in RAMB36
 * equivalents (RAMB36 + RAMB18 / 2), each with its share of the device, and whether it fits;
 * then a row with the device's totals. Designs are checked against their own `device`; the
 * budget row shows the first design's.
 */
export function resourceTable(designs: readonly SynthesizedDesign[]): BenchTable {
  const columns = [
    'design',
    'LUT',
    'LUT %',
    'LUT-RAM',
    'FF',
    'FF %',
    'DSP48E1',
    'DSP %',
    'RAMB36',
    'RAMB18',
    'BRAM (RAMB36 eq.)',
    'BRAM %',
    'fits',
  ];
  const rows = designs.map(({ design, resources: r }) => [
    design,
    String(r.luts),
    pct(r.utilization.luts),
    String(r.lutsAsMemory),
    String(r.ffs),
    pct(r.utilization.ffs),
    String(r.dsp),
    pct(r.utilization.dsp),
    String(r.ramb36),
    String(r.ramb18),
    String(r.bram36),
    pct(r.utilization.bram36),
    r.fits ? 'yes' : `no (${r.over.join(', ')})`,
  ]);
  const d = designs[0]?.resources.device;
  if (d) {
    rows.push([
      `${d.device} (available)`,
      String(d.luts),
      '',
      '',
      String(d.ffs),
      '',
      String(d.dsp),
      '',
      String(d.ramb36),
      String(2 * d.ramb36),
      String(d.ramb36),
      '',
      '',
    ]);
  }
  return { columns, rows };
}
