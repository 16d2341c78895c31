import {
  createAdam,
  createRng,
  InvalidArgumentError,
  initBackend,
  type Optimizer,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFusedAdam } from './fused-adam.js';

// Sizes with tails that are not multiples of 4 (the SIMD loop's remainder path).
const SHAPES: Record<string, number[]> = { w: [7, 5], b: [5], c: [3, 2, 2] };

function makeParams(seed: number): Record<string, tf.Variable> {
  const rng = createRng(seed);
  const out: Record<string, tf.Variable> = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = tf.variable(
      tf.tensor(
        Float32Array.from({ length: size }, () => rng.normal()),
        shape,
      ),
    );
  }
  return out;
}

function gradsAt(step: number): Record<string, tf.Tensor> {
  const rng = createRng(100 + step);
  const out: Record<string, tf.Tensor> = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    const size = shape.reduce((a, b) => a * b, 1);
    // Mixed magnitudes, exact zeros and a large value exercise rounding everywhere.
    const data = Float32Array.from({ length: size }, (_, i) =>
      i % 5 === 0 ? 0 : rng.normal() * 10 ** ((i % 7) - 3),
    );
    out[name] = tf.tensor(data, shape);
  }
  return out;
}

function run(opt: Optimizer, steps: number, from = 0, params = makeParams(1)) {
  for (let s = from; s < from + steps; s++) {
    const g = gradsAt(s);
    opt.step(g, params);
    tf.dispose(Object.values(g));
  }
  return params;
}

const values = (params: Record<string, tf.Variable>): Float32Array[] =>
  Object.values(params).map((p) => p.dataSync() as Float32Array);

describe.each(['cpu', 'wasm'] as const)('fusedAdam on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });
  afterAll(() => tf.disposeVariables());

  it('is bit-identical to adam() (tfjs kernels) over 12 steps, parameters and state', () => {
    const options = { lr: 3e-3, beta1: 0.8, beta2: 0.99, eps: 1e-6 };
    const ref = createAdam(options);
    const fused = createFusedAdam(options);
    const a = run(ref, 12);
    const b = run(fused, 12);
    expect(values(b)).toEqual(values(a));
    const sa = ref.exportState();
    const sb = fused.exportState();
    expect(sb).toEqual(sa);
    ref.dispose();
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });

  it('state moves both ways between adam() and fusedAdam() exactly', () => {
    const ref = createAdam();
    const p1 = run(ref, 5);
    const fused = createFusedAdam();
    fused.importState(ref.exportState());
    run(fused, 4, 5, p1);
    const ref2 = createAdam();
    const p2 = run(ref2, 9);
    expect(values(p1)).toEqual(values(p2));
    const back = createAdam();
    back.importState(fused.exportState());
    run(back, 2, 9, p1);
    run(ref2, 2, 9, p2);
    expect(values(p1)).toEqual(values(p2));
    for (const o of [ref, ref2, back]) o.dispose();
    tf.dispose([...Object.values(p1), ...Object.values(p2)]);
  });

  it('re-reads a parameter assigned from outside, and makes no tensors', () => {
    const ref = createAdam();
    const fused = createFusedAdam();
    const a = run(ref, 2);
    const b = run(fused, 2);
    for (const p of [a, b]) p.w!.assign(tf.fill([7, 5], 0.25));
    const before = tf.memory().numTensors;
    run(ref, 2, 2, a);
    run(fused, 2, 2, b);
    expect(tf.memory().numTensors).toBe(before);
    expect(values(b)).toEqual(values(a));
    ref.dispose();
  });

  it('refuses unknown parameters, wrong shapes and bad options with typed errors', () => {
    const fused = createFusedAdam();
    const p = makeParams(2);
    const g = tf.zeros([2]);
    expect(() => fused.step({ nope: g }, p)).toThrow(InvalidArgumentError);
    expect(() => fused.step({ b: g }, p)).toThrow(ShapeError);
    expect(() => createFusedAdam({ beta1: 1 })).toThrow(InvalidArgumentError);
    expect(() => createFusedAdam({ learningRate: -1 })).toThrow(InvalidArgumentError);
    expect(() => fused.importState({ kind: 'sgd', learningRate: 1, params: {} })).toThrow(
      InvalidArgumentError,
    );
    g.dispose();
  });
});
