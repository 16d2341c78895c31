import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { profileReferenceStep, stepProfileNotes } from './step-profile.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('profileReferenceStep', () => {
  it('counts the tfjs path’s kernels per step on one thread, times the default engine, and reads the workers’ phases per step', async () => {
    const x = Uint8Array.from({ length: 512 * 784 }, (_, i) => ((i * 2654435761) >>> 24) & 255);
    const profile = await profileReferenceStep({
      x,
      steps: 2,
      workers: 2,
      images: 256,
      config: {
        kind: 'vae',
        inputShape: [784],
        latentDim: 4,
        encoder: { type: 'mlp', hidden: [32], activation: 'relu' },
        likelihood: 'bernoulli',
      },
    });
    const one = profile.oneThread;
    expect(one.steps).toBe(2);
    expect(one.tapeFreeStepMs).toBeGreaterThan(0);
    expect(one.stepMs).toBeGreaterThan(0);
    // A VAE step runs several products forward and backward, and Adam.
    expect(one.kernels.find((k) => k.name === 'LatentkitGemm')!.launches).toBeGreaterThanOrEqual(8);
    const launches = one.kernels.reduce((s, k) => s + k.launches, 0);
    expect(launches).toBeCloseTo(one.launches, 9);
    expect(one.kernels.reduce((s, k) => s + k.ms, 0)).toBeCloseTo(one.kernelMs, 9);
    expect(one.kernels.map((k) => k.ms)).toEqual(
      [...one.kernels.map((k) => k.ms)].sort((a, b) => b - a),
    );
    const p = profile.parallel!;
    expect(p.workers).toBe(2);
    expect(p.jobs).toBe(2); // the second epoch's 2 batches of 128
    expect(p.computeMs).toBeGreaterThan(0);
    for (const v of [p.barrierMs, p.decisionMs, p.updateMs, p.idleMs, p.stepMs]) {
      expect(Number.isFinite(v) && v >= 0).toBe(true);
    }
    const notes = stepProfileNotes(profile);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^step profile, 1 thread \(2 steps of batch 128\), tfjs path: /);
    expect(notes[0]).toMatch(
      /default engine \(tape-free step where it covers the model\) [0-9.]+ ms per step/,
    );
    expect(notes[1]).toMatch(/^step profile, 2 workers \(tape-free step\)/);
    expect(p.tapeFree).toBe(true);
  });

  it('has no parallel part below two workers', async () => {
    const x = new Uint8Array(256 * 784);
    const profile = await profileReferenceStep({ x, steps: 1, workers: 1, images: 128 });
    expect(profile.parallel).toBeUndefined();
    expect(stepProfileNotes(profile)).toHaveLength(1);
  });
});
