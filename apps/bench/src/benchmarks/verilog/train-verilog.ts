import type { ModelConfig } from '@latentkit/models';
import {
  type FloatVae,
  floatVaeFromModel,
  type QuantizationReport,
  type QuantizedVae,
  quantizationReport,
  quantizeVae,
  runFloatVae,
} from '@latentkit/quantize';
import { tf } from '@latentkit/tensor';
import { generateMlp, type VerilogDesign } from '@latentkit/verilog';
import type { SynthesisResult } from '@latentkit/verilog/node';
import type { BenchOptions } from '../../benchmark.js';
import { type DecoderVectors, decoderVectors } from '../../hardware/decoder-vectors.js';
import { type IrisHardware, irisHardware } from '../../hardware/iris-vae-flow.js';
import { simulateAll } from '../../hardware/simulate-all.js';
import { synthesizeInWorker } from '../../hardware/synthesize-in-worker.js';
import { type GalleryRun, galleryHeader, trainGalleryModel } from '../../training/gallery-run.js';
import { rowsTensor } from '../../training/latent-figures.js';
import { benchMnist, type MnistRows, mnistRows } from '../../training/mnist.js';
import { irisUart } from './iris-uart.js';
import type { LanesPoint } from './lanes-table.js';
import { maxAbsDifference } from './measure-verilog.js';
import {
  type SynthesisOutcome,
  VERILOG_SETTINGS,
  type VerilogRun,
  type VerilogSettings,
} from './verilog-run.js';
import { mnistVgaTop, vgaFrame } from './vga-frame.js';

/**
 * The MNIST VAE whose decoder goes to hardware: 784-256-16 MLP, ReLU, Bernoulli decoder. Its
 * decoder (16 → 256 → 784, 204,800 weights) fits the XC7A100T's block RAM with 16-bit weights
 * (≈ 100 of 135 RAMB36); the pytorch/examples shape 784-400-20 (321,600 weights) would not.
 */
export const VERILOG_VAE_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 16,
  encoder: { type: 'mlp', hidden: [256], activation: 'relu' },
};

/**
 * MAC lanes of the decoder's two layers: 8 for 16 → 256 and 49 for 256 → 784 (784 = 16 groups
 * of 49), one DSP48E1 each; every lane of the second layer holds 16 × 256 16-bit weights
 * (two RAMB36).
 */
export const DECODER_LANES: readonly number[] = [8, 49];

/** Pixels / 255 of `set`'s rows as float32. */
function scaled(set: MnistRows): Float32Array {
  return Float32Array.from(set.x, (v) => v / 255);
}

/** Seconds since `t0` (ms from `performance.now()`). */
const since = (t0: number) => (performance.now() - t0) / 1000;

/** The trained model's float64 description and the data it is quantized and checked on. */
interface FloatStage {
  vae: FloatVae;
  testSet: MnistRows;
  test: Float32Array;
  calibration: Float32Array;
  /** Test rows of the decoder vectors. */
  rows: number[];
  floatRecon: Float64Array;
  floatCheckMaxAbs: number;
}

/** The float64 description of the trained model, checked against tfjs; disposes the model. */
function floatStage(run: GalleryRun, settings: VerilogSettings): FloatStage {
  const vae = floatVaeFromModel(run.model.config, run.model.store.toRecord());
  const testSet = mnistRows(run.testSet, 0, settings.testRows);
  const test = scaled(testSet);
  const calibration = scaled(mnistRows(benchMnist().train, 0, settings.calibrationRows));
  const rows = Array.from({ length: settings.vectors }, (_, i) => i);
  const floatRecon = runFloatVae(vae, test.subarray(0, settings.vectors * 784)).reconstruction;
  const tfOut = tf.tidy(() => run.model.decodeMean(run.model.encode(rowsTensor(testSet, rows)).mu));
  const tfRecon = tfOut.dataSync();
  tfOut.dispose();
  const floatCheckMaxAbs = maxAbsDifference(tfRecon, floatRecon);
  run.model.dispose();
  return { vae, testSet, test, calibration, rows, floatRecon, floatCheckMaxAbs };
}

/** Synthesis of `design` in a worker, its wall time stored under `seconds[key]`; never rejects. */
async function timedSynthesis(
  design: VerilogDesign,
  seconds: Record<string, number>,
  key: string,
): Promise<SynthesisOutcome> {
  const t = performance.now();
  const result = await outcome(synthesizeInWorker(design));
  seconds[key] = since(t);
  return result;
}

async function outcome(p: Promise<SynthesisResult>): Promise<SynthesisOutcome> {
  try {
    return { ok: true, result: await p };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A lanes-table point from a design and its synthesis outcome. */
function lanesPoint(lanes: readonly number[], d: VerilogDesign, s: SynthesisOutcome): LanesPoint {
  return {
    lanes,
    cycles: d.layers.reduce((n, l) => n + l.computeCycles, 0),
    synth: s.ok
      ? { ok: true, resources: s.result.resources, timing: s.result.timing }
      : { ok: false, error: s.error },
  };
}

/**
 * The lanes table: the decoder as generated (its synthesis `first`), then each of `points`
 * generated and synthesized in turn in the worker (wall time under `seconds.synthesisLanes`).
 */
async function lanesSweep(
  q16: QuantizedVae,
  decoder: VerilogDesign,
  first: SynthesisOutcome,
  points: readonly number[][],
  seconds: Record<string, number>,
): Promise<LanesPoint[]> {
  const out = [lanesPoint(DECODER_LANES, decoder, first)];
  for (const lanes of points) {
    console.log(
      `verilog: lanes table: synthesizing the MNIST decoder with lanes ${lanes.join('/')}…`,
    );
    const d = generateDecoder(q16, lanes);
    out.push(
      lanesPoint(lanes, d, await timedSynthesis(d, seconds, `synthesisLanes${lanes.join('x')}`)),
    );
  }
  return out;
}

/** The 16-bit decoder core (MAC lanes of {@link DECODER_LANES}, post-processing pipelined). */
function generateDecoder(
  q16: QuantizedVae,
  lanes: readonly number[] = DECODER_LANES,
): VerilogDesign {
  return generateMlp(q16.decoder, {
    name: 'mnist_decoder',
    lanes: [...lanes],
    biasRomStyle: 'auto',
    pipelinePost: true,
  });
}

/** Every simulator on the decoder and the Iris core, then the Iris top's UART round trips. */
async function simulateDesigns(
  decoder: VerilogDesign,
  vectors: DecoderVectors,
  iris: IrisHardware,
  settings: VerilogSettings,
): Promise<Pick<VerilogRun, 'decoderSims' | 'irisSims' | 'irisUart'>> {
  const onStart = (what: string) => (sim: string, n: number) =>
    console.log(`verilog: ${what}: ${sim} on ${n} vectors…`);
  const decoderSims = await simulateAll(decoder, vectors.vectors, {
    limit: { iverilog: settings.iverilogVectors },
    onStart: onStart('MNIST decoder'),
  });
  const irisSims = await simulateAll(iris.core, iris.vectors, {
    simulators: settings.irisSimulators,
    stall: true,
    onStart: onStart('Iris VAE'),
  });
  const uart = await irisUart(iris, irisSims, settings.uartCxxrtl);
  return { decoderSims, irisSims, irisUart: uart };
}

/** Float vs 8/12/16-bit errors; its 16-bit model must be the one in hardware. */
function checkedReport(
  float: FloatStage,
  q16: QuantizedVae,
  settings: VerilogSettings,
): QuantizationReport {
  console.log(`verilog: quantization report on ${settings.testRows} test images (8/12/16 bits)…`);
  const report = quantizationReport(float.vae, {
    data: float.test,
    calibration: float.calibration,
    bits: [8, 12, 16],
  });
  const r16 = report.entries.find((e) => e.bits === 16)!.model;
  if (JSON.stringify(r16) !== JSON.stringify(q16)) {
    throw new Error('the 16-bit model of the report differs from the one in hardware');
  }
  return report;
}

/**
 * Trains the VAE of {@link VERILOG_VAE_CONFIG}, quantizes it, generates the 16-bit decoder,
 * simulates it and the Iris VAE in every simulator and synthesizes both (in a worker, alongside
 * simulation and the quantization report): everything the report is built from.
 */
export async function trainVerilog(options: BenchOptions): Promise<VerilogRun> {
  const settings = options.quick ? VERILOG_SETTINGS.quick : VERILOG_SETTINGS.full;
  const seconds: Record<string, number> = {};
  let t0 = performance.now();
  const run = await trainGalleryModel('verilog', VERILOG_VAE_CONFIG, options);
  seconds.training = since(t0);
  t0 = performance.now();
  const float = floatStage(run, settings);
  const q16 = quantizeVae(float.vae, { calibration: float.calibration, bits: 16 });
  const decoder = generateDecoder(q16);
  // Synthesis (minutes, on a worker thread) starts as soon as the decoder exists, and the Iris
  // top follows it; simulation and the quantization report run meanwhile.
  console.log(
    'verilog: synthesizing the MNIST decoder, then the Iris top, with Yosys in a worker…',
  );
  const decoderSynthP = timedSynthesis(decoder, seconds, 'synthesisDecoder');
  const vectors = decoderVectors(q16, float.test, float.rows);
  const iris = await irisHardware(settings.irisVectors);
  const irisSynthP = decoderSynthP.then(() => timedSynthesis(iris.board, seconds, 'synthesisIris'));
  const vga = mnistVgaTop(q16, decoder, float.test, float.testSet.labels);
  const vgaSynthP = irisSynthP.then(() => timedSynthesis(vga.board, seconds, 'synthesisVga'));
  const lanesP = vgaSynthP.then(async () =>
    lanesSweep(q16, decoder, await decoderSynthP, settings.lanesPoints, seconds),
  );
  seconds.quantizeAndGenerate = since(t0);
  t0 = performance.now();
  const sims = await simulateDesigns(decoder, vectors, iris, settings);
  seconds.simulation = since(t0);
  t0 = performance.now();
  const report = checkedReport(float, q16, settings);
  seconds.quantizationReport = since(t0);
  t0 = performance.now();
  const frame = await vgaFrame(q16, vga.board, vga.digits);
  seconds.vgaFrame = since(t0);
  const decoderSynth = await decoderSynthP;
  const irisSynth = await irisSynthP;
  const lanes = await lanesP;
  return {
    settings,
    headline: galleryHeader(run, 'VAE 784-256-16 (ReLU, Bernoulli decoder)'),
    training: { epochs: run.epochs, test: run.test },
    lossFigure: run.lossFigure,
    floatCheckMaxAbs: float.floatCheckMaxAbs,
    test: float.test,
    testLabels: float.testSet.labels,
    report,
    q16,
    decoder,
    decoderVectors: vectors,
    ...sims,
    decoderSynth,
    iris,
    irisSynth,
    lanes,
    floatRecon: float.floatRecon,
    seconds,
    vga: { board: vga.board, frame, synth: await vgaSynthP },
  };
}
