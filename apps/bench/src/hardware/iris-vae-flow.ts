import { splitIris } from '@latentkit/datasets';
import { createModel, type ModelConfig, train } from '@latentkit/models';
import {
  type FloatVae,
  floatVaeFromModel,
  type QuantizedVae,
  quantize,
  quantizeVae,
} from '@latentkit/quantize';
import { createRng } from '@latentkit/tensor';
import {
  type BoardDesign,
  generateVae,
  nexysTop,
  type TestVectors,
  type VerilogDesign,
  vaeVectors,
} from '@latentkit/verilog';

/** The Iris VAE: 4 → 16 tanh → 2-d latent → 16 ReLU → 4 (Gaussian decoder, σ = 1). */
export const IRIS_VAE_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [4],
  latentDim: 2,
  encoder: { type: 'mlp', hidden: [16], activation: 'tanh' },
  decoder: { type: 'mlp', hidden: [16], activation: 'relu' },
  likelihood: 'gaussian',
};

/** A trained, quantized Iris VAE with its hardware and test vectors. */
export interface IrisHardware {
  /** The trained float model. */
  vae: FloatVae;
  /** Standardized Iris rows `[150, 4]`: the training split, then the test split. */
  rows: Float32Array;
  /** Training rows (standardized) used for calibration. */
  train: Float32Array;
  /** The 16-bit quantized VAE. */
  q: QuantizedVae;
  /** The core (`iris_vae`) and the Nexys4 DDR top around it. */
  core: VerilogDesign;
  board: BoardDesign;
  /** Vectors with sampling on (z = μ + σ·ε from the hardware noise lanes). */
  vectors: TestVectors;
}

/**
 * Trains the Iris VAE of {@link IRIS_VAE_CONFIG} with `@latentkit/models` (standardized, seeded
 * stratified split; Adam, `epochs` epochs, batch 30, seed 1), quantizes it to 16 bits on the
 * training rows and generates its core (post-processing pipelined) and Nexys4 DDR top, with
 * `count` input vectors: the 150 Iris rows, then seeded rows — half Gaussian around the data
 * (σ = 1.5), half uniform over every input code (saturating paths). Needs an initialized tfjs
 * backend.
 */
export async function irisHardware(count = 1000, epochs = 150): Promise<IrisHardware> {
  const split = splitIris({ seed: 1, standardize: true });
  const model = createModel(IRIS_VAE_CONFIG, { seed: 1 });
  await train(
    model,
    { x: split.train.features, n: split.train.count },
    { epochs, batchSize: 30, learningRate: 0.01, seed: 1 },
  );
  const vae = floatVaeFromModel(model.config, model.store.toRecord());
  model.dispose();
  const q = quantizeVae(vae, { calibration: split.train.features, bits: 16 });
  const fmt = q.encoder.layers[0]!.input;
  const rows = new Float32Array(150 * 4);
  rows.set(split.train.features);
  rows.set(split.test.features, split.train.features.length);
  const inputs: number[][] = [];
  for (let r = 0; r < 150 && inputs.length < count; r++) {
    inputs.push(Array.from(rows.subarray(r * 4, r * 4 + 4), (x) => quantize(x, fmt)));
  }
  const rng = createRng(2024);
  const half = 2 ** (fmt.width - 1);
  while (inputs.length < count) {
    const gauss = inputs.length % 2 === 0;
    inputs.push(
      Array.from({ length: 4 }, () =>
        gauss ? quantize(1.5 * rng.normal(), fmt) : Math.floor(rng.next() * 2 * half) - half,
      ),
    );
  }
  const core = generateVae(q, { name: 'iris_vae', pipelinePost: true });
  return {
    vae,
    rows,
    train: split.train.features,
    q,
    core,
    board: nexysTop(core),
    vectors: vaeVectors(q, inputs, { sample: true }),
  };
}
