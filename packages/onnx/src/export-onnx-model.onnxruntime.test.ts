import { createModel, type Model } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnxModel } from './export-onnx-model.js';
import { EXPORT_CASES, nhwcToNchw, seededUniform } from './testing/export-cases.js';
import { maxAbsError } from './testing/fixtures.js';

// The exported graphs, run by onnxruntime (an independent implementation of every operator),
// must reproduce latentkit's own forward pass (float32, on the wasm backend users run and on the
// tfjs cpu backend) to 1e-5.
const TOLERANCE = 1e-5;
const BATCH = 5;

async function run(
  bytes: Uint8Array,
  feeds: Record<string, { data: Float32Array; dims: number[] }>,
): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, { data, dims }] of Object.entries(feeds)) {
      inputs[name] = new ort.Tensor('float32', data, dims);
    }
    const out = await session.run(inputs);
    return Object.fromEntries(
      Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]),
    ) as Record<string, Float32Array>;
  } finally {
    await session.release();
  }
}

/** latentkit's outputs on fixed inputs, with the inputs in the exported graphs' layout. */
function latentkitForward(model: Model, seed: number) {
  const shape = model.inputShape;
  const conv = model.config.encoder.type === 'conv';
  const xData = seededUniform(BATCH * shape.reduce((p, d) => p * d, 1), seed, 0, 1);
  const zData = seededUniform(BATCH * model.latentDim, seed + 1, -2, 2);
  const k = model.config.numClasses;
  const labels = k > 0 ? Array.from({ length: BATCH }, (_, i) => (i * 2) % k) : undefined;
  const toGraph = (data: ArrayLike<number>) =>
    conv ? nhwcToNchw(data, BATCH, shape[0]!, shape[1]!, shape[2]!) : Float32Array.from(data);
  const graphShape = conv ? [BATCH, shape[2]!, shape[0]!, shape[1]!] : [BATCH, ...shape];
  return tf.tidy(() => {
    const x = tf.tensor(xData, [BATCH, ...shape]);
    const z = tf.tensor2d(zData, [BATCH, model.latentDim]);
    const posterior = model.encode(x, labels);
    const y = new Float32Array(BATCH * k);
    for (const [i, c] of (labels ?? []).entries()) y[i * k + c] = 1;
    return {
      feeds: {
        x: { data: toGraph(xData), dims: graphShape },
        z: { data: zData, dims: [BATCH, model.latentDim] },
        ...(k > 0 ? { y: { data: y, dims: [BATCH, k] } } : {}),
      },
      mu: posterior.mu.dataSync(),
      logVar: posterior.logVar?.dataSync(),
      mean: toGraph(model.decodeMean(z, labels).dataSync()),
      location: toGraph(model.decode(z, labels).dataSync()),
    };
  });
}

describe.each(['wasm', 'cpu'] as const)(
  'exportOnnxModel: onnxruntime-node against latentkit on %s',
  (backend) => {
    it.each(EXPORT_CASES.map((c, i) => ({ ...c, seed: 11 + i })))(
      '$name: encoder and decoder within 1e-5 of latentkit',
      async ({ config, seed }) => {
        await initBackend({ backend });
        const model = createModel(config, { seed });
        const before = tf.memory().numTensors;
        const ref = latentkitForward(model, seed);
        const files = exportOnnxModel(model);
        const { x, z, y } = ref.feeds as Record<string, { data: Float32Array; dims: number[] }>;
        const enc = await run(files.encoder, { x: x!, ...(y ? { y } : {}) });
        const dec = await run(files.decoder, { z: z!, ...(y ? { y } : {}) });
        const errors: Record<string, number> = {};
        if (model.kind === 'ae') {
          errors.z = maxAbsError(enc.z!, ref.mu);
        } else {
          errors.mu = maxAbsError(enc.mu!, ref.mu);
          errors.logvar = maxAbsError(enc.logvar!, ref.logVar!);
        }
        errors.x_hat = maxAbsError(dec.x_hat!, ref.mean);
        if (model.config.likelihood === 'bernoulli') {
          const logits = exportOnnxModel(model, { decoderOutput: 'logits', opset: 13 });
          const raw = await run(logits.decoder, { z: z!, ...(y ? { y } : {}) });
          errors.logits = maxAbsError(raw.x_hat!, ref.location);
        }
        console.log(
          `onnxruntime-node ${ort.env.versions.node} vs ${backend}: ${config.kind} ${JSON.stringify(config.inputShape)} max abs error ${JSON.stringify(errors)}`,
        );
        for (const e of Object.values(errors)) expect(e).toBeLessThanOrEqual(TOLERANCE);
        // The outputs are not trivially equal: a wrong layout would differ by far more than 1e-5.
        expect(Math.max(...ref.mean) - Math.min(...ref.mean)).toBeGreaterThan(1e-3);
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
      },
    );
  },
);
