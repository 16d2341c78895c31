import type { ModelConfig } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerSession } from '../common/worker-host.js';
import {
  type BatchEvent,
  type EpochEvent,
  type TrainOutcome,
  type TrainSetup,
  trainSession,
} from './train-session.js';

const CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 2,
  encoder: { type: 'mlp', hidden: [16], activation: 'relu' },
};

/**
 * `n` images made of four fixed binary patterns (seeded): a VAE learns them quickly, so the loss
 * must fall well within a few epochs.
 */
function patternImages(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const patterns = Array.from({ length: 4 }, () =>
    Float32Array.from({ length: 784 }, () => (next() < 0.3 ? 1 : 0)),
  );
  const out = new Float32Array(n * 784);
  for (let i = 0; i < n; i++) out.set(patterns[Math.floor(next() * 4)]!, i * 784);
  return out;
}

/** 256 training and 64 test images of the same four patterns. */
const IMAGES = patternImages(320, 1);

function open(onBatch?: (session: WorkerSession) => void): {
  session: WorkerSession;
  batches: BatchEvent[];
  epochs: EpochEvent[];
} {
  const batches: BatchEvent[] = [];
  const epochs: EpochEvent[] = [];
  const session: WorkerSession = trainSession(
    { trainX: IMAGES.slice(0, 256 * 784), testX: IMAGES.slice(256 * 784), rowSize: 784 },
    { config: CONFIG, seed: 3, batchSize: 64 },
    (name, payload) => {
      // What the worker posts must survive structured cloning.
      const copy = structuredClone(payload);
      if (name === 'batch') {
        batches.push(copy as BatchEvent);
        onBatch?.(session);
      }
      if (name === 'epoch') epochs.push(copy as EpochEvent);
    },
  );
  return { session, batches, epochs };
}

const call = <T>(session: WorkerSession, method: string, args?: unknown) =>
  Promise.resolve(session.methods[method]!(args as never)) as Promise<T>;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('training session (model worker)', () => {
  it('trains: a batch event per step, an epoch event with previews per epoch, the loss falls', async () => {
    const before = tf.memory().numTensors;
    const { session, batches, epochs } = open();
    const setup = await call<TrainSetup>(session, 'setup');
    // 784·16 + 16 + 16·2·2 + 2·2 (encoder) + 2·16 + 16 + 16·784 + 784 (decoder).
    expect(setup.numParams).toBe(784 * 16 + 16 + 16 * 4 + 4 + 2 * 16 + 16 + 16 * 784 + 784);
    expect([setup.trainCount, setup.testCount]).toEqual([256, 64]);
    expect(setup.originals).toEqual(IMAGES.subarray(256 * 784, 264 * 784));
    expect(setup.samples.length).toBe(8 * 784);
    expect(setup.recons.every((v) => v >= 0 && v <= 1)).toBe(true);

    const outcome = await call<TrainOutcome>(session, 'train', { epochs: 6, learningRate: 1e-2 });
    expect(outcome).toEqual({ aborted: false, steps: 24 });
    expect(batches.map((b) => b.steps)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(batches.every((b) => b.imagesPerSecond > 0)).toBe(true);
    expect(batches[5]!.epoch).toBe(1);
    for (const b of batches) expect(b.loss).toBeCloseTo(b.recon + b.kl, 3);
    expect(epochs.map((e) => e.steps)).toEqual([4, 8, 12, 16, 20, 24]);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const losses = batches.map((b) => b.loss);
    expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)) - 50);
    expect(epochs[5]!.testNegElbo).toBeLessThan(epochs[0]!.testNegElbo);
    expect(epochs[5]!.recons).not.toEqual(setup.recons);

    // A second run continues the step count.
    await call(session, 'train', { epochs: 1, learningRate: 1e-2 });
    expect(batches.at(-1)!.steps).toBe(28);
    session.dispose?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within one batch of stop, and refuses a second run or a reset while one goes on', async () => {
    // Stop arrives as the first step is reported (as a message between two steps would).
    let stopAfter = 1;
    const { session, batches } = open((s) => {
      if (batches.length === stopAfter) s.methods.stop!(undefined as never);
    });
    await call(session, 'setup');
    const run = call<TrainOutcome>(session, 'train', { epochs: 5, learningRate: 1e-3 });
    await expect(call(session, 'train', { epochs: 1, learningRate: 1e-3 })).rejects.toThrow(
      /already going on/,
    );
    expect(() => session.methods.reset!(undefined as never)).toThrow(/stop the training run/);
    const outcome = await run;
    expect(outcome).toEqual({ aborted: true, steps: 1 });
    expect(batches.length).toBe(1);
    stopAfter = 0;
    // Reset: new random weights, steps from zero.
    const again = await call<TrainSetup>(session, 'reset');
    expect(again.numParams).toBeGreaterThan(0);
    await call(session, 'train', { epochs: 1, learningRate: 1e-3 });
    expect(batches.at(-1)!.steps).toBe(4);
    session.dispose?.();
  });
});
