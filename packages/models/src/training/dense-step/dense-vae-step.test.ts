import { createRng, initBackend, randomNormal, tf, valueAndParamGrads } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../model/create-model.js';
import type { ModelConfig } from '../../model/model-config.js';
import { shardLossTerms } from '../../node/parallel/shard-loss-terms.js';
import { createObjective, type ObjectiveOptions } from '../objective.js';
import { denseVaePlan } from './dense-vae-plan.js';
import { createDenseVaeStep, denseVaeScratchBytes, denseVaeSeeds } from './dense-vae-step.js';

beforeAll(async () => {
  // The tfjs path runs latentkit's SIMD kernels on wasm: the tape-free step must give its bits.
  await initBackend({ backend: 'wasm' });
});

interface Case {
  name: string;
  config: ModelConfig;
  objective?: ObjectiveOptions;
  /** Rows [lo, hi) of a batch of `size` split over `active` workers, at optimizer step `step`. */
  lo: number;
  hi: number;
  size: number;
  active: number;
  step: number;
  /** Fraction of the inputs set to 0 (so that the zero-skipping products run, as on MNIST). */
  zeros: number;
}

const reference: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 20,
  encoder: { type: 'mlp', hidden: [400], activation: 'relu' },
};

const cases: Case[] = [
  {
    name: 'reference VAE, whole batch',
    config: reference,
    lo: 0,
    hi: 24,
    size: 24,
    active: 1,
    step: 0,
    zeros: 0.8,
  },
  {
    name: 'reference VAE, second shard',
    config: reference,
    lo: 12,
    hi: 24,
    size: 24,
    active: 2,
    step: 5,
    zeros: 0.8,
  },
  {
    name: 'two hidden layers, β schedule and warm-up, odd widths',
    config: {
      kind: 'vae',
      inputShape: [12],
      latentDim: 3,
      encoder: { type: 'mlp', hidden: [30, 17] },
    },
    objective: {
      beta: 4,
      betaSchedule: [{ step: 3, beta: 2 }],
      warmup: { type: 'linear', steps: 10 },
    },
    lo: 3,
    hi: 7,
    size: 10,
    active: 3,
    step: 4,
    zeros: 0.3,
  },
  {
    name: 'KL weight 0 (warm-up at step 0)',
    config: { kind: 'vae', inputShape: [12], latentDim: 3, encoder: { type: 'mlp', hidden: [9] } },
    objective: { warmup: { type: 'linear', steps: 10 } },
    lo: 0,
    hi: 5,
    size: 5,
    active: 1,
    step: 0,
    zeros: 0,
  },
  {
    name: 'autoencoder, no hidden layer in the decoder',
    config: {
      kind: 'ae',
      inputShape: [16],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [6] },
      decoder: { type: 'mlp', hidden: [] },
    },
    lo: 2,
    hi: 6,
    size: 6,
    active: 2,
    step: 1,
    zeros: 0.5,
  },
];

/** The tfjs path's loss value and gradients for a shard (as the parallel worker computes them). */
function tapePath(c: Case, model: ReturnType<typeof createModel>, xs: Float32Array) {
  const n = c.hi - c.lo;
  const objective = createObjective(c.objective, model.kind);
  return tf.tidy(() => {
    const x = tf.tensor2d(xs, [n, model.inputShape[0]!]);
    let report: number[] = [];
    const { grads } = valueAndParamGrads(model.store, () => {
      const terms = shardLossTerms(model, x, { epsSeed: 77, offset: c.lo, total: c.size });
      const v = objective.evaluate(terms, c.step);
      report = [v.loss.dataSync()[0]!, v.recon.dataSync()[0]!, v.kl.dataSync()[0]!];
      return c.active === 1 ? v.loss : (tf.mul(v.loss, n / c.size) as tf.Scalar);
    });
    const values = Object.fromEntries(
      Object.entries(grads).map(([name, g]) => [name, g.dataSync().slice()]),
    );
    return { grads: values, report, klWeight: objective.klWeight(c.step) };
  });
}

describe('createDenseVaeStep', () => {
  it.each(cases)('$name: the gradients of the tfjs path, bit for bit', (c) => {
    const model = createModel(c.config, { seed: 3 });
    const n = c.hi - c.lo;
    const rowSize = model.inputShape[0]!;
    const rng = createRng(9);
    const xs = Float32Array.from({ length: n * rowSize }, () =>
      rng.next() < c.zeros ? 0 : Math.fround(rng.next()),
    );
    const tape = tapePath(c, model, xs);

    const vars = model.store.variables(true);
    const shapes = new Map(Object.entries(vars).map(([name, v]) => [name, v.shape] as const));
    const plan = denseVaePlan(model.config, c.objective, shapes)!;
    expect(plan).toBeDefined();
    // Parameters, gradients, the rows and the scratch space in a memory of their own.
    let at = 0;
    const take = (bytes: number) => {
      const start = at;
      at += Math.ceil(bytes / 16) * 16;
      return start;
    };
    const params = new Map<string, number>();
    const grads = new Map<string, number>();
    for (const [name, v] of Object.entries(vars)) {
      params.set(name, take(4 * v.size));
      grads.set(name, take(4 * v.size));
    }
    const xAt = take(4 * xs.length);
    const scratch = take(denseVaeScratchBytes(plan, n));
    const memory = new WebAssembly.Memory({ initial: Math.ceil(at / 65536) + 1 });
    for (const [name, v] of Object.entries(vars)) {
      new Float32Array(memory.buffer, params.get(name)!, v.size).set(v.dataSync());
    }
    new Float32Array(memory.buffer, xAt, xs.length).set(xs);
    const step = createDenseVaeStep(plan, { memory, params, grads, scratch, maxRows: n })!;
    const d = model.latentDim;
    const all = randomNormal([c.size, d], createRng(77));
    const eps = (all.dataSync() as Float32Array).slice(c.lo * d, c.hi * d);
    all.dispose();
    const means = step.run({
      x: xAt,
      rows: n,
      eps: model.kind === 'vae' ? eps : undefined,
      ...denseVaeSeeds(n, c.size, c.active, tape.klWeight),
    });

    for (const [name, v] of Object.entries(vars)) {
      const mine = new Float32Array(memory.buffer, grads.get(name)!, v.size);
      const theirs = tape.grads[name]!;
      // The first differing element, if any (a diff of whole 784×400 arrays would take minutes).
      const i = mine.findIndex((g, j) => !Object.is(g, theirs[j]));
      expect(i < 0 ? 'same' : `${name}[${i}]: ${mine[i]} vs ${theirs[i]}`).toBe('same');
    }
    expect([means.recon, means.kl]).toEqual(tape.report.slice(1));
    model.dispose();
  });
});

describe('denseVaePlan', () => {
  const base: ModelConfig = {
    kind: 'vae',
    inputShape: [12],
    latentDim: 3,
    encoder: { type: 'mlp', hidden: [8] },
  };
  const planOf = (config: ModelConfig, objective?: ObjectiveOptions) => {
    const model = createModel(config, { seed: 1 });
    const vars = model.store.variables(true);
    const shapes = new Map(Object.entries(vars).map(([name, v]) => [name, v.shape] as const));
    const plan = denseVaePlan(model.config, objective, shapes);
    model.dispose();
    return plan;
  };

  it('covers MLP VAEs and autoencoders with ReLU and a Bernoulli likelihood', () => {
    const plan = planOf(base)!;
    expect(plan.encoder.map((l) => [l.weight, l.inF, l.outF, l.relu])).toEqual([
      ['encoder.fc1.weight', 12, 8, true],
    ]);
    expect(plan.decoder.map((l) => l.weight)).toEqual(['decoder.fc1.weight', 'decoder.out.weight']);
    expect(planOf({ ...base, kind: 'ae' })?.logVar).toBeUndefined();
  });

  it.each([
    ['a CVAE', { ...base, kind: 'cvae', numClasses: 3 }, undefined],
    [
      'a tanh trunk',
      { ...base, encoder: { type: 'mlp', hidden: [8], activation: 'tanh' } },
      undefined,
    ],
    ['a Gaussian likelihood', { ...base, likelihood: 'gaussian' }, undefined],
    ['an input size that is not a multiple of 4', { ...base, inputShape: [10] }, undefined],
    [
      'a conv encoder',
      { ...base, inputShape: [8, 8, 1], encoder: { type: 'conv', channels: [4] } },
      undefined,
    ],
    ['free bits', base, { freeBits: 0.5 }],
    ['capacity annealing', base, { capacity: { max: 5, steps: 10 } }],
  ] as [string, ModelConfig, ObjectiveOptions | undefined][])(
    'leaves %s to the tfjs path',
    (_, config, objective) => {
      expect(planOf(config, objective)).toBeUndefined();
    },
  );
});
