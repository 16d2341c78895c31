import type { ModelConfig } from '@latentkit/models';
import {
  floatVaeFromModel,
  quantizationReport,
  quantizeVae,
  runFloatVae,
} from '@latentkit/quantize';
import { tf } from '@latentkit/tensor';
import { generateMlp } from '@latentkit/verilog';
import { type SynthesisResult, simulateUart } from '@latentkit/verilog/node';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { decoderVectors } from '../hardware/decoder-vectors.js';
import { type IrisHardware, irisHardware } from '../hardware/iris-vae-flow.js';
import { type SimulatorRun, simulateAll } from '../hardware/simulate-all.js';
import { synthesizeInWorker } from '../hardware/synthesize-in-worker.js';
import { galleryHeader, trainGalleryModel } from '../training/gallery-run.js';
import { rowsTensor } from '../training/latent-figures.js';
import { benchMnist, type MnistRows, mnistRows } from '../training/mnist.js';
import { verilogOutput } from './verilog-output.js';
import { type SynthesisOutcome, type UartRun, VERILOG_SETTINGS } from './verilog-run.js';

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

async function outcome(p: Promise<SynthesisResult>): Promise<SynthesisOutcome> {
  try {
    return { ok: true, result: await p };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Seconds since `t0` (ms from `performance.now()`). */
const since = (t0: number) => (performance.now() - t0) / 1000;

/**
 * UART round trips of the Iris top: Icarus Verilog at 16 clocks per bit (20 vectors) when it
 * ran the core, CXXRTL at the board's 868 clocks per bit (3 vectors) when asked or when Icarus is
 * missing. A failing tool gives a failed row, not an exception.
 */
async function irisUart(
  iris: IrisHardware,
  sims: readonly SimulatorRun[],
  withCxxrtl: boolean,
): Promise<UartRun[]> {
  const out: UartRun[] = [];
  const runs: { simulator: 'cxxrtl' | 'iverilog'; clksPerBit: number; vectors: number }[] = [];
  const iverilog = sims.some((s) => s.simulator === 'iverilog' && s.ran);
  if (withCxxrtl || !iverilog) {
    runs.push({ simulator: 'cxxrtl', clksPerBit: iris.board.uart.clksPerBit, vectors: 3 });
  }
  if (iverilog) runs.push({ simulator: 'iverilog', clksPerBit: 16, vectors: 20 });
  for (const r of runs) {
    const v = {
      ...iris.vectors,
      inputs: iris.vectors.inputs.slice(0, r.vectors),
      expected: iris.vectors.expected.slice(0, r.vectors),
    };
    try {
      const u = await simulateUart(iris.board, v, {
        simulator: r.simulator,
        clksPerBit: r.clksPerBit,
      });
      out.push({
        ...r,
        pass: u.pass && u.byteMismatches.length === 0,
        latency: u.latency,
        byteMismatches: u.byteMismatches.length,
        note: '',
      });
    } catch (error) {
      out.push({ ...r, pass: false, latency: 0, byteMismatches: 0, note: String(error) });
    }
  }
  return out;
}

/**
 * MNIST VAE → @latentkit/quantize → @latentkit/verilog: trains the VAE of
 * {@link VERILOG_VAE_CONFIG}, quantizes it (8, 12, 16 bits; error tables on the test set),
 * generates the 16-bit decoder's Verilog, checks it bit for bit against the golden model in
 * every installed simulator, synthesizes it with Yosys for the XC7A100T, and does the same for a
 * 16-bit Iris VAE with its Nexys4 DDR UART top.
 */
export const verilogBenchmark: Benchmark = {
  name: 'verilog',
  description:
    'MNIST VAE decoder in Verilog: quantization error (8/12/16-bit), bit-exact RTL simulation, XC7A100T resources',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const settings = options.quick ? VERILOG_SETTINGS.quick : VERILOG_SETTINGS.full;
    const seconds: Record<string, number> = {};
    let t0 = performance.now();
    const run = await trainGalleryModel('verilog', VERILOG_VAE_CONFIG, options);
    seconds.training = since(t0);
    t0 = performance.now();
    const vae = floatVaeFromModel(run.model.config, run.model.store.toRecord());
    const testSet = mnistRows(run.testSet, 0, settings.testRows);
    const test = scaled(testSet);
    const calibration = scaled(mnistRows(benchMnist().train, 0, settings.calibrationRows));
    const rows = Array.from({ length: settings.vectors }, (_, i) => i);
    const floatRecon = runFloatVae(vae, test.subarray(0, settings.vectors * 784)).reconstruction;
    const tfOut = tf.tidy(() =>
      run.model.decodeMean(run.model.encode(rowsTensor(testSet, rows)).mu),
    );
    const tfRecon = tfOut.dataSync();
    tfOut.dispose();
    let floatCheckMaxAbs = 0;
    for (let i = 0; i < tfRecon.length; i++) {
      floatCheckMaxAbs = Math.max(floatCheckMaxAbs, Math.abs(tfRecon[i]! - floatRecon[i]!));
    }
    run.model.dispose();
    const q16 = quantizeVae(vae, { calibration, bits: 16 });
    const decoder = generateMlp(q16.decoder, {
      name: 'mnist_decoder',
      lanes: [...DECODER_LANES],
      biasRomStyle: 'auto',
      pipelinePost: true,
    });
    // Synthesis (minutes, on a worker thread) starts as soon as the decoder exists, and the Iris
    // top follows it; simulation and the quantization report run meanwhile.
    console.log(
      'verilog: synthesizing the MNIST decoder, then the Iris top, with Yosys in a worker…',
    );
    const tSynth = performance.now();
    const decoderSynthP = outcome(synthesizeInWorker(decoder)).then((d) => {
      seconds.synthesisDecoder = since(tSynth);
      return d;
    });
    const vectors = decoderVectors(q16, test, rows);
    const iris = await irisHardware(settings.irisVectors);
    const irisSynthP = decoderSynthP.then(async () => {
      const t = performance.now();
      const i = await outcome(synthesizeInWorker(iris.board));
      seconds.synthesisIris = since(t);
      return i;
    });
    seconds.quantizeAndGenerate = since(t0);
    t0 = performance.now();
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
    seconds.simulation = since(t0);
    t0 = performance.now();
    console.log(`verilog: quantization report on ${settings.testRows} test images (8/12/16 bits)…`);
    const report = quantizationReport(vae, { data: test, calibration, bits: [8, 12, 16] });
    const r16 = report.entries.find((e) => e.bits === 16)!.model;
    if (JSON.stringify(r16) !== JSON.stringify(q16)) {
      throw new Error('the 16-bit model of the report differs from the one in hardware');
    }
    seconds.quantizationReport = since(t0);
    const decoderSynth = await decoderSynthP;
    const irisSynth = await irisSynthP;
    return verilogOutput(
      {
        settings,
        headline: galleryHeader(run, 'VAE 784-256-16 (ReLU, Bernoulli decoder)'),
        training: { epochs: run.epochs, test: run.test },
        lossFigure: run.lossFigure,
        floatCheckMaxAbs,
        test,
        testLabels: testSet.labels,
        report,
        q16,
        decoder,
        decoderVectors: vectors,
        decoderSims,
        decoderSynth,
        iris,
        irisSims,
        irisUart: uart,
        irisSynth,
        floatRecon,
        seconds,
      },
      options,
    );
  },
};
