import type { ResourceReport } from '@latentkit/verilog';
import type { TimingReport } from '@latentkit/verilog/node';
import type { BenchTable } from '../../benchmark.js';

/** One lane choice of the MNIST decoder, synthesized. */
export interface LanesPoint {
  /** MAC lanes per layer. */
  lanes: readonly number[];
  /** Cycles per image: the sum of the layers' modelled `computeCycles`. */
  cycles: number;
  /** Resources and timing, or why synthesis failed. */
  synth:
    | { ok: true; resources: ResourceReport; timing?: TimingReport }
    | { ok: false; error: string };
}

/**
 * The lanes table: for each lane choice of the MNIST decoder, MAC lanes per layer against LUT,
 * FF, DSP48E1, block RAM (RAMB36 equivalents), cycles per image and µs at `clockMHz`, and the
 * worst logic delay from `sta` with pass/fail against its budget — a user picks a point.
 * Rows in the order given.
 */
export function lanesTable(points: readonly LanesPoint[], clockMHz: number): BenchTable {
  return {
    columns: [
      'MAC lanes per layer',
      'LUT',
      'FF',
      'DSP48E1',
      'BRAM (RAMB36 eq.)',
      'fits',
      'cycles per image',
      `µs per image @ ${clockMHz} MHz`,
      'worst path (ns, logic)',
      'timing',
    ],
    rows: points.map((p) => {
      const head = p.lanes.join(' / ');
      const cyc = [String(p.cycles), (p.cycles / clockMHz).toFixed(1)];
      if (!p.synth.ok) {
        return [head, 'synthesis failed', '', '', '', '', ...cyc, '', p.synth.error.slice(0, 80)];
      }
      const r = p.synth.resources;
      const t = p.synth.timing;
      return [
        head,
        String(r.luts),
        String(r.ffs),
        String(r.dsp),
        String(r.bram36),
        r.fits ? 'yes' : `no (${r.over.join(', ')})`,
        ...cyc,
        t ? t.worstNs.toFixed(2) : '',
        t ? (t.pass ? `pass (≤ ${t.budgetNs})` : `FAIL (> ${t.budgetNs})`) : '',
      ];
    }),
  };
}
