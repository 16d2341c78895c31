import { InvalidArgumentError, initBackend, tf, UnknownOptionError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LossTerms } from '../model/model.js';
import { betaAt, createObjective, klWarmupFactor } from './objective.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Hand-made terms: 2 examples, 2 latent dims.
function terms(): LossTerms {
  const klPerDim = tf.tensor2d([
    [0.5, 0.01],
    [1.5, 0.03],
  ]);
  return {
    recon: tf.tensor1d([10, 20]),
    kl: tf.sum(klPerDim, 1),
    klPerDim,
    mu: tf.zeros([2, 2]),
    logVar: tf.zeros([2, 2]),
    z: tf.zeros([2, 2]),
  };
}

const value = (t: tf.Tensor) => t.dataSync()[0]!;

describe('objective', () => {
  it('warm-up schedules follow their closed forms', () => {
    const lin = { type: 'linear' as const, steps: 10 };
    expect([0, 5, 10, 20].map((s) => klWarmupFactor(lin, s))).toEqual([0, 0.5, 1, 1]);
    const cyc = { type: 'cyclical' as const, cycleSteps: 10, ratio: 0.5 };
    expect([0, 2, 5, 9, 10, 12].map((s) => klWarmupFactor(cyc, s))).toEqual([0, 0.4, 1, 1, 0, 0.4]);
    expect(klWarmupFactor(undefined, 3)).toBe(1);
  });

  it('β, warm-up, free bits and capacity give the documented losses (recon 15, KL 1.02)', () => {
    tf.tidy(() => {
      const t = terms();
      const plain = createObjective({}, 'vae').evaluate(t, 0);
      expect(value(plain.loss)).toBeCloseTo(15 + 1.02, 4);
      expect(value(plain.recon)).toBeCloseTo(15, 5);
      expect(value(plain.kl)).toBeCloseTo(1.02, 5);
      const beta = createObjective({ beta: 4, warmup: { type: 'linear', steps: 4 } }, 'vae');
      expect(beta.klWeight(1)).toBe(1);
      expect(value(beta.evaluate(t, 1).loss)).toBeCloseTo(15 + 1.02, 4);
      expect(value(beta.evaluate(t, 8).loss)).toBeCloseTo(15 + 4 * 1.02, 4);
      // Free bits λ = 0.1: batch means per dim are 1.0 and 0.02 → max(1, .1) + max(.02, .1) = 1.1.
      const fb = createObjective({ freeBits: 0.1 }, 'vae').evaluate(t, 0);
      expect(value(fb.loss)).toBeCloseTo(16.1, 4);
      expect(value(fb.kl)).toBeCloseTo(1.02, 5);
      const capObj = createObjective({ capacity: { max: 4, steps: 100, gamma: 10 } }, 'vae');
      expect(capObj.capacity(50)).toBe(2);
      expect(value(capObj.evaluate(t, 50).loss)).toBeCloseTo(15 + 10 * Math.abs(1.02 - 2), 3);
      expect(value(capObj.evaluate(t, 0).loss)).toBeCloseTo(15 + 10 * 1.02, 3);
      const ae = createObjective({}, 'ae').evaluate(
        { ...t, kl: undefined, klPerDim: undefined },
        0,
      );
      expect(value(ae.loss)).toBeCloseTo(15, 5);
    });
  });

  it('a β schedule changes the KL weight at its steps, with warm-up on top', () => {
    const schedule = [
      { step: 10, beta: 12 },
      { step: 20, beta: 0 },
    ];
    expect([0, 9, 10, 19, 20, 1000].map((s) => betaAt(20, schedule, s))).toEqual([
      20, 20, 12, 12, 0, 0,
    ]);
    expect(betaAt(undefined, schedule, 5)).toBe(1);
    const o = createObjective(
      { beta: 20, betaSchedule: schedule, warmup: { type: 'linear', steps: 10 } },
      'vae',
    );
    expect([0, 5, 9, 10, 15, 25].map((s) => o.klWeight(s))).toEqual([0, 10, 18, 12, 12, 0]);
    expect(o.options.betaSchedule).toEqual(schedule);
    tf.tidy(() => {
      const t = terms();
      expect(value(o.evaluate(t, 15).loss)).toBeCloseTo(15 + 12 * 1.02, 3);
      expect(value(o.evaluate(t, 25).loss)).toBeCloseTo(15, 4);
    });
  });

  it('rejects a β schedule that is empty, unordered, negative or has unknown keys', () => {
    expect(() => createObjective({ betaSchedule: [] }, 'vae')).toThrow(/non-empty/);
    expect(() =>
      createObjective(
        {
          betaSchedule: [
            { step: 10, beta: 1 },
            { step: 10, beta: 2 },
          ],
        },
        'vae',
      ),
    ).toThrow(/strictly increase/);
    expect(() => createObjective({ betaSchedule: [{ step: 0, beta: 1 }] }, 'vae')).toThrow(
      InvalidArgumentError,
    );
    expect(() => createObjective({ betaSchedule: [{ step: 5, beta: -1 }] }, 'vae')).toThrow(
      /betaSchedule\[0\]\.beta/,
    );
    expect(() =>
      createObjective({ betaSchedule: [{ step: 5, beta: 1, at: 3 }] as never }, 'vae'),
    ).toThrow(UnknownOptionError);
    expect(() => createObjective({ betaSchedule: [{ step: 5, beta: 1 }] }, 'ae')).toThrow(
      /kind 'ae'/,
    );
    expect(() =>
      createObjective(
        { betaSchedule: [{ step: 5, beta: 1 }], capacity: { max: 1, steps: 1 } },
        'vae',
      ),
    ).toThrow(/betaSchedule/);
  });

  it('rejects unknown and conflicting options', () => {
    expect(() => createObjective({ betta: 2 } as never, 'vae')).toThrow(UnknownOptionError);
    expect(() => createObjective({ warmup: { type: 'cosine' } as never }, 'vae')).toThrow(
      UnknownOptionError,
    );
    expect(() => createObjective({ beta: -1 }, 'vae')).toThrow(InvalidArgumentError);
    expect(() => createObjective({ beta: 2 }, 'ae')).toThrow(/kind 'ae'/);
    expect(() => createObjective({ beta: 2, capacity: { max: 1, steps: 1 } }, 'vae')).toThrow(
      /capacity/,
    );
    expect(() =>
      createObjective({ warmup: { type: 'cyclical', cycleSteps: 4, ratio: 2 } }, 'vae'),
    ).toThrow(InvalidArgumentError);
  });
});
