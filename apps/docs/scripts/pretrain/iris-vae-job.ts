import { splitIris } from '@latentkit/datasets';
import { createModel, evaluateElbo, train } from '@latentkit/models';
import { floatVaeFromModel, quantizationReport, quantizeVae } from '@latentkit/quantize';
import { generateVae, nexysTop } from '@latentkit/verilog';
import { MODEL_FILES } from '../../demos/common/asset-files.js';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import {
  IRIS_SPLIT,
  IRIS_VERILOG_NAME,
  type IrisSynthesis,
  SYNTHESIZED_BITS,
} from '../../demos/hardware/iris-setup.js';
import { roundStoreToHalf } from './half-precision-weights.js';
import { round } from './model-job.js';
import type { PretrainContext, PretrainJob } from './pretrain-job.js';
import { environment, savePretrained } from './save-pretrained.js';

const SEED = 4;
const EPOCHS = 800;
const LR = 0.01;

/** Synthesis figures of the Iris VAE's Nexys4 DDR design at one bit width. */

async function synthesizeAll(
  context: PretrainContext,
  vae: ReturnType<typeof floatVaeFromModel>,
  calibration: Float32Array,
): Promise<IrisSynthesis[] | string> {
  if (context.quick) return 'skipped (--quick)';
  let synthesize: typeof import('@latentkit/verilog/node').synthesize;
  try {
    ({ synthesize } = await import('@latentkit/verilog/node'));
  } catch (error) {
    return `not run: ${error instanceof Error ? error.message : String(error)}`;
  }
  const out: IrisSynthesis[] = [];
  for (const bits of SYNTHESIZED_BITS) {
    const q = quantizeVae(vae, { calibration, bits });
    try {
      const s = await synthesize(nexysTop(generateVae(q, { name: IRIS_VERILOG_NAME })));
      const r = s.resources;
      out.push({
        bits,
        luts: r.luts,
        ffs: r.ffs,
        dsp: r.dsp,
        bram36: r.bram36,
        seconds: round(s.ms / 1000, 1),
      });
      context.log(
        `iris: ${bits}-bit synthesis ${r.luts} LUT, ${r.ffs} FF, ${r.dsp} DSP48E1, ${r.bram36} RAMB36`,
      );
    } catch (error) {
      return `not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return out;
}

/**
 * The hardware demo's float Iris VAE: 4 → 16 tanh → 2-D latent → 16 ReLU → 4, Gaussian decoder
 * (σ = 0.3), full-batch Adam on the 120 standardized training rows of `splitIris({ seed: 1 })`.
 * The page quantizes it to the bit width the reader picks; this job also synthesizes its Nexys4
 * DDR design at {@link SYNTHESIZED_BITS} bits with Yosys (when `@yowasp/yosys` is installed).
 */
export const irisVaeJob: PretrainJob = {
  id: 'irisVae',
  description: 'Iris VAE 4-16-2-16-4 for the hardware demo (+ Yosys synthesis at 8/12/16 bits)',
  async run(context) {
    const split = splitIris(IRIS_SPLIT);
    const model = createModel(
      {
        kind: 'vae',
        inputShape: [4],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [16], activation: 'tanh' },
        decoder: { type: 'mlp', hidden: [16], activation: 'relu' },
        likelihood: 'gaussian',
        outputStd: 0.3,
      },
      { seed: SEED },
    );
    try {
      const trainData = { x: split.train.features, n: split.train.count };
      const testData = { x: split.test.features, n: split.test.count };
      const losses: number[] = [];
      const t0 = performance.now();
      const result = await train(model, trainData, {
        epochs: EPOCHS,
        batchSize: split.train.count,
        learningRate: LR,
        seed: SEED,
        onEpoch: (e) => {
          losses.push(e.loss);
        },
      });
      const trainSeconds = (performance.now() - t0) / 1000;
      roundStoreToHalf(model.store);
      const elbo = evaluateElbo(model, testData, { seed: 0 });
      const vae = floatVaeFromModel(model.config, model.store.toRecord());
      const report = quantizationReport(vae, {
        data: split.test.features,
        calibration: split.train.features,
        bits: [8, 12, 16],
      });
      context.log(
        `iris: test −ELBO ${elbo.negElbo.toFixed(3)} nats, float MSE ${report.float.mse.toFixed(5)}, ` +
          report.entries.map((e) => `${e.bits}-bit ${e.mse.toFixed(5)}`).join(', '),
      );
      const synthesis = await synthesizeAll(context, vae, split.train.features);
      const every = Math.max(1, Math.floor(EPOCHS / 40));
      const training: TrainingMetadata = {
        id: 'irisVae',
        title: 'Iris VAE (MLP 4-16-2, tanh encoder, ReLU decoder, Gaussian σ = 0.3)',
        data: `the 120 training rows of splitIris(${JSON.stringify(IRIS_SPLIT)}), standardized with their own mean and std`,
        seed: SEED,
        epochs: EPOCHS,
        batchSize: split.train.count,
        lr: LR,
        steps: result.steps,
        trainSeconds: round(trainSeconds, 1),
        lossPerEpoch: losses.filter((_, i) => i % every === every - 1).map((v) => round(v, 4)),
        weightDtype: 'F16',
        scores: {
          testNegElbo: round(elbo.negElbo, 4),
          testMseFloat: round(report.float.mse, 6),
          ...Object.fromEntries(
            report.entries.map((e) => [`testMse${e.bits}bit`, round(e.mse, 6)]),
          ),
        },
        scoreNotes: {
          testNegElbo: 'negative ELBO, nats per row, on the 30 test rows (one z sample, seed 0)',
          testMseFloat:
            'reconstruction MSE (z = μ) of the float model on the 30 test rows, standardized units',
          testMse8bit:
            'the same for the model quantized to 8 bits (quantizeVae, calibration: the training rows)',
          testMse12bit: 'the same at 12 bits',
          testMse16bit: 'the same at 16 bits',
        },
        extra: { split: IRIS_SPLIT, standardizer: split.standardizer },
        environment: environment(context.backend.name),
      };
      const entry = await savePretrained(context, {
        file: MODEL_FILES.irisVae,
        store: model.store,
        config: model.config,
        training,
      });
      return { models: { irisVae: entry }, extras: { synthesis } };
    } finally {
      model.dispose();
    }
  },
};
