import type { BenchOptions, BenchOutput, BenchTable } from '../../benchmark.js';
import { signedPercent } from '../../hardware/error-tables.js';
import { sigmoidVariantsTable } from '../../hardware/sigmoid-tables.js';
import type { SimulatorRun } from '../../hardware/simulate-all.js';
import { bitExactSummary } from '../../hardware/simulation-table.js';
import { generatedFiles } from './generated-files.js';
import {
  CLOCK_MHZ,
  cyclesToMicroseconds,
  firstLatency,
  type QuantizationMeasures,
  quantizationMeasures,
} from './measure-verilog.js';
import { stripFigure } from './reconstruction-figure.js';
import type { SynthesisOutcome, VerilogRun } from './verilog-run.js';
import { designTables, errorTables, hardwareTables } from './verilog-tables.js';
import { vgaFigure, vgaFiles, vgaHeadlineRow, vgaNotes } from './vga-report.js';

/** One design's headline row: bit-exact vectors, latency, resources and whether it fits. */
export function headlineRow(
  name: string,
  runs: readonly SimulatorRun[],
  s: SynthesisOutcome,
): string[] {
  const lat = firstLatency(runs);
  const r = s.ok ? s.result.resources : undefined;
  return [
    name,
    bitExactSummary(runs),
    lat !== undefined ? String(lat) : '',
    lat !== undefined ? cyclesToMicroseconds(lat).toFixed(1) : '',
    r ? String(r.luts) : 'synthesis failed',
    r ? String(r.ffs) : '',
    r ? String(r.dsp) : '',
    r ? String(r.bram36) : '',
    r ? (r.fits ? 'yes' : `no (${r.over.join(', ')})`) : '',
  ];
}

/** Why each design that failed synthesis failed (none when both synthesized). */
export function synthesisNotes(r: Pick<VerilogRun, 'decoderSynth' | 'irisSynth'>): string[] {
  return [
    ['MNIST decoder', r.decoderSynth] as const,
    ['Iris VAE Nexys4 DDR top', r.irisSynth] as const,
  ].flatMap(([n, s]) => (s.ok ? [] : [`${n}: synthesis failed: ${s.error.slice(0, 400)}`]));
}

/** One line per synthesized design: its worst logic delay (Yosys sta) against the budget. */
export function timingNotes(r: Pick<VerilogRun, 'decoderSynth' | 'irisSynth' | 'vga'>): string[] {
  return [
    ['MNIST decoder', r.decoderSynth] as const,
    ['Iris VAE Nexys4 DDR top', r.irisSynth] as const,
    ...(r.vga ? [['MNIST decoder Nexys4 DDR VGA top', r.vga.synth] as const] : []),
  ].flatMap(([n, s]) => {
    const t = s.ok ? s.result.timing : undefined;
    return t
      ? [
          `${n}: worst register-to-register path ${t.worstNs.toFixed(2)} ns of logic (Yosys sta, no routing), budget ${t.budgetNs} ns — ${t.pass ? 'pass' : 'FAIL'}.`,
        ]
      : [];
  });
}

/** The notes under the headline table: errors vs float, latency, checks, stage times. */
export function verilogNotes(r: VerilogRun, q: QuantizationMeasures, quick: boolean): string[] {
  const mnistLat = firstLatency(r.decoderSims);
  return [
    `16-bit reconstruction error vs float: MSE ${signedPercent(q.mseChange[16])}, ` +
      `BCE ${signedPercent(q.bceChange16)} — ` +
      `${q.verdict16.pass ? 'within' : 'NOT within'} 1% (8-bit: MSE ${signedPercent(q.mseChange[8])}; ` +
      `12-bit: ${signedPercent(q.mseChange[12])}).`,
    `MNIST decoder latency: ${mnistLat ?? '—'} cycles per image = ${mnistLat ? cyclesToMicroseconds(mnistLat).toFixed(1) : '—'} µs at ${CLOCK_MHZ} MHz.`,
    `float64 description vs the tfjs model: max |Δ E[x|z = μ]| = ${r.floatCheckMaxAbs.toExponential(2)} on ${r.decoderVectors.rows.length} test images.`,
    `Test −ELBO of the float VAE: ${r.training.test.negElbo.toFixed(2)} nats per image.`,
    `Stages (s): ${Object.entries(r.seconds)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')} (synthesis runs in a worker thread, alongside simulation).`,
    ...synthesisNotes(r),
    ...(r.vga ? vgaNotes(r.vga.frame, r.vga.synth) : []),
    ...timingNotes(r),
    ...(quick
      ? [
          `QUICK: short training, ${r.settings.testRows} test images and ${r.settings.vectors} vectors; --full uses the whole test set and more vectors.`,
        ]
      : []),
  ];
}

/** The headline table: one row per design. */
export function headlineTable(r: VerilogRun): BenchTable {
  return {
    columns: [
      'design',
      'bit-exact vectors per simulator',
      'latency (cycles)',
      `latency (µs @ ${CLOCK_MHZ} MHz)`,
      'LUT',
      'FF',
      'DSP48E1',
      'BRAM (RAMB36 eq.)',
      'fits XC7A100T',
    ],
    rows: [
      headlineRow('MNIST decoder 16-256-784', r.decoderSims, r.decoderSynth),
      headlineRow('Iris VAE + UART top', r.irisSims, r.irisSynth),
      ...(r.vga ? [vgaHeadlineRow(r.vga.frame, r.vga.synth)] : []),
    ],
  };
}

function synthesisResult(s: SynthesisOutcome) {
  if (!s.ok) return { error: s.error };
  const t = s.result.timing;
  return {
    resources: s.result.resources,
    ms: s.result.ms,
    timing: t
      ? { worstNs: t.worstNs, budgetNs: t.budgetNs, pass: t.pass, paths: t.paths }
      : undefined,
  };
}

/** The JSON results: everything measured, without models, outputs or unit functions. */
function verilogResults(
  r: VerilogRun,
  q: QuantizationMeasures,
  sig: ReturnType<typeof sigmoidVariantsTable>,
) {
  return {
    settings: r.settings,
    training: r.training,
    floatCheckMaxAbs: r.floatCheckMaxAbs,
    quantization: {
      rows: r.report.rows,
      likelihood: r.report.likelihood,
      float: r.report.float,
      entries: r.report.entries.map(({ model: _model, ...x }) => x),
      verdict16: q.verdict16,
    },
    sigmoidCandidates: sig.rows.map(({ unit: _u, ...x }) => x),
    decoder: { layers: r.decoder.layers, io: r.decoder.io },
    simulations: {
      decoder: r.decoderSims.map(({ outputs: _o, ...x }) => x),
      iris: r.irisSims.map(({ outputs: _o, ...x }) => x),
      irisUart: r.irisUart,
    },
    synthesis: { decoder: synthesisResult(r.decoderSynth), iris: synthesisResult(r.irisSynth) },
    lanes: r.lanes?.map((p) => ({
      lanes: p.lanes,
      cycles: p.cycles,
      ...(p.synth.ok
        ? {
            resources: p.synth.resources,
            worstNs: p.synth.timing?.worstNs,
            pass: p.synth.timing?.pass,
          }
        : { error: p.synth.error }),
    })),
    seconds: r.seconds,
    ...(r.vga ? { vga: vgaResults(r.vga) } : {}),
  };
}

/** The VGA frame's measures without its pixels. */
function vgaResults(v: NonNullable<VerilogRun['vga']>) {
  const { captured: _c, golden: _g, ...frame } = v.frame;
  return { frame, layout: v.board.vga.layout, synthesis: synthesisResult(v.synth) };
}

/** Builds the suite's report output (tables, notes, figures, files, JSON) from its run. */
export function verilogOutput(r: VerilogRun, options: BenchOptions): BenchOutput {
  const q = quantizationMeasures(r.report);
  const outLayer = r.q16.decoder.layers.at(-1)!;
  const sig = sigmoidVariantsTable(
    outLayer.activationInput,
    outLayer.activationOutput,
    outLayer.activation,
  );
  return {
    header: [
      r.headline,
      `hardware: the 16-bit decoder (post-processing overlapped with the MAC), ${r.decoder.layers.map((l) => `${l.layer} ${l.inFeatures}→${l.outFeatures} ×${l.lanes} lanes`).join(', ')}; Nexys4 DDR (XC7A100T) at ${CLOCK_MHZ} MHz`,
    ],
    table: headlineTable(r),
    notes: verilogNotes(r, q, options.quick),
    tables: [...errorTables(r), ...hardwareTables(r), ...designTables(r, sig)],
    figures: [r.lossFigure, stripFigure(r), ...(r.vga ? [vgaFigure(r.vga.frame)] : [])],
    files: {
      ...generatedFiles(r),
      ...(r.vga ? vgaFiles(r.vga.frame, r.vga.board, r.vga.synth) : {}),
    },
    results: verilogResults(r, q, sig),
  };
}
