// "Must show": a conv model trains on wasm (which lacks Conv2DBackpropFilter, so only latentkit's
// im2col filter gradient makes this possible) and its gradients match the cpu backend's, step by
// step, from the same initial weights.

import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';

type Params = Record<string, { shape: number[]; values: Float32Array }>;
type Model = (x: tf.Tensor4D, p: Record<string, tf.Tensor>) => tf.Tensor4D;

const N = 4;
const H = 8;
const W = 8;
const C = 2;
const STEPS = 4;
const LR = 0.05;

function randomParam(rng: ReturnType<typeof createRng>, shape: number[], std: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: n }, () => std * rng.normal()) };
}

/** Encoder: conv2d stride 2 'same' → relu, [N,8,8,2] → [N,4,4,6]. */
function encode(x: tf.Tensor4D, p: Record<string, tf.Tensor>): tf.Tensor4D {
  return tf.relu(tf.add(tf.conv2d(x, p.w1 as tf.Tensor4D, 2, 'same'), p.b1!)) as tf.Tensor4D;
}

/** The encoder's w1, b1 drawn first from `createRng(seed)`, then the decoder's from `decoder`. */
function withEncoderParams(seed: number, decoder: (rng: ReturnType<typeof createRng>) => Params) {
  const rng = createRng(seed);
  const encoder = { w1: randomParam(rng, [3, 3, C, 6], 0.4), b1: randomParam(rng, [6], 0.1) };
  return { ...encoder, ...decoder(rng) };
}

const models: { name: string; params: (seed: number) => Params; model: Model }[] = [
  {
    name: 'conv2d stride 2 → relu → conv2dTranspose stride 2',
    params: (seed) =>
      withEncoderParams(seed, (rng) => ({
        w2: randomParam(rng, [3, 3, C, 6], 0.3),
        b2: randomParam(rng, [C], 0.1),
      })),
    model: (x, p) =>
      tf.add(
        tf.conv2dTranspose(encode(x, p), p.w2 as tf.Tensor4D, [N, H, W, C], 2, 'same'),
        p.b2!,
      ) as tf.Tensor4D,
  },
  {
    name: 'conv2d stride 2 → relu → conv2d → depthToSpace 2',
    params: (seed) =>
      withEncoderParams(seed, (rng) => ({
        w3: randomParam(rng, [3, 3, 6, 4 * C], 0.3),
        b3: randomParam(rng, [4 * C], 0.1),
      })),
    model: (x, p) =>
      tf.depthToSpace(
        tf.add(tf.conv2d(encode(x, p), p.w3 as tf.Tensor4D, 1, 'same'), p.b3!) as tf.Tensor4D,
        2,
      ),
  },
];

interface Trace {
  losses: number[];
  /** Per step, per parameter name, the gradient values. */
  grads: Record<string, Float32Array>[];
}

/** Plain SGD on the mean squared reconstruction error, on the given backend. */
async function train(backend: 'cpu' | 'wasm', init: Params, model: Model): Promise<Trace> {
  await initBackend({ backend });
  const rng = createRng(99);
  const data = Float32Array.from({ length: N * H * W * C }, () => rng.next());
  const names = Object.keys(init);
  let params = names.map((k) => tf.tensor(init[k]!.values, init[k]!.shape));
  const x = tf.tensor4d(data, [N, H, W, C]);
  const trace: Trace = { losses: [], grads: [] };
  for (let step = 0; step < STEPS; step++) {
    const { value, grads } = tf.tidy(() => {
      const loss = (...ps: tf.Tensor[]) => {
        const p = Object.fromEntries(names.map((k, i) => [k, ps[i]!]));
        return tf.mean(tf.squaredDifference(model(x, p), x));
      };
      const { value: v, grads: g } = tf.valueAndGrads(loss)(params);
      return { value: v.dataSync()[0]!, grads: g.map((t) => t.dataSync() as Float32Array) };
    });
    trace.losses.push(value);
    trace.grads.push(Object.fromEntries(names.map((k, i) => [k, grads[i]!])));
    const next = params.map((p, i) =>
      tf.tidy(() => tf.sub(p, tf.mul(tf.tensor(grads[i]!, p.shape), LR))),
    );
    tf.dispose(params);
    params = next;
  }
  tf.dispose([...params, x]);
  return trace;
}

describe('conv model training on wasm matches cpu', () => {
  it.each(models)('$name', async ({ params, model }) => {
    const init = params(2026);
    const cpu = await train('cpu', init, model);
    const wasm = await train('wasm', init, model);

    // Training works on both backends: the loss goes down.
    expect(cpu.losses.at(-1)!).toBeLessThan(cpu.losses[0]!);
    expect(wasm.losses.at(-1)!).toBeLessThan(wasm.losses[0]!);

    for (let step = 0; step < STEPS; step++) {
      // Same loss to float32 accuracy (the sums are ordered differently by XNNPACK and the cpu).
      expect(Math.abs(wasm.losses[step]! - cpu.losses[step]!)).toBeLessThan(
        1e-5 * cpu.losses[step]!,
      );
      for (const [name, g] of Object.entries(cpu.grads[step]!)) {
        const gw = wasm.grads[step]![name]!;
        expect(gw.length).toBe(g.length);
        const scale = g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        expect(scale, `${name} gradient is not all zero`).toBeGreaterThan(1e-6);
        let maxDiff = 0;
        g.forEach((v, i) => {
          maxDiff = Math.max(maxDiff, Math.abs(v - gw[i]!));
        });
        // float32 tolerance: the backends order their sums differently, so results differ by a
        // few ulp (measured: at most 5e-7 of the largest element); 1e-5 leaves a 20× margin while
        // any real gradient error (a wrong pad, stride or transpose) is O(1) of the scale.
        expect(maxDiff, `step ${step} ${name}`).toBeLessThan(1e-5 * scale);
      }
    }
  });
});
