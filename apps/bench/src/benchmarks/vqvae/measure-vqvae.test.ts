import { describe, expect, it } from 'vitest';
import type { EpochPoint } from '../../vqvae/train-quantizer.js';
import { meetsTargets, targetEpoch, timeToEpoch, totalRestarts } from './measure-vqvae.js';

const point = (epoch: number, nmse: number, usage: number, restarted = 0): EpochPoint => ({
  epoch,
  seconds: 10 * epoch,
  samplesPerSecond: 1,
  loss: 0,
  recon: 0,
  train: { perplexity: 1, usage: 1, restarted },
  test: { nmse, perplexity: 1, usage },
});

describe('vqvae measures', () => {
  const epochs = [point(1, 0.06, 0.99, 3), point(2, 0.044, 0.9, 2), point(3, 0.04, 0.96)];

  it('judges each target on its own (NMSE ≤ 0.0444, usage ≥ 95%)', () => {
    expect(meetsTargets(epochs[0]!)).toEqual({ nmse: false, usage: true });
    expect(meetsTargets(epochs[1]!)).toEqual({ nmse: true, usage: false });
  });

  it('finds the first epoch that meets both, or none', () => {
    expect(targetEpoch({ epochs })).toBe(3);
    expect(targetEpoch({ epochs: epochs.slice(0, 2) })).toBeUndefined();
  });

  it('sums training seconds up to an epoch and reads the wall clock then', () => {
    expect(timeToEpoch({ epochs, wallAtEpoch: [15, 40, 75] }, 2)).toEqual({ train: 30, wall: 40 });
  });

  it('counts the restarted codes over all epochs', () => {
    expect(totalRestarts({ epochs })).toBe(5);
  });
});
