import type { EpochReport } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import { lossCurveSeries } from './loss-curves.js';

const epoch = (e: number, recon: number, kl: number, val?: number): EpochReport => ({
  epoch: e,
  steps: 10 * (e + 1),
  loss: recon + 4 * kl, // a β-weighted objective: must not be what is plotted
  recon,
  kl,
  seconds: 1,
  samplesPerSecond: 1000,
  ...(val === undefined ? {} : { validation: { negElbo: val, recon: val - 1, kl: 1, n: 5 } }),
});

describe('lossCurveSeries', () => {
  it('plots the train ELBO (recon + KL) and the validation ELBO against 1-based epochs', () => {
    const s = lossCurveSeries('run', [epoch(0, 100, 10, 105), epoch(1, 90, 12, 99)], { color: 4 });
    expect(s).toEqual([
      { name: 'run train', x: [1, 2], y: [110, 102], color: 4 },
      { name: 'run validation', x: [1, 2], y: [105, 99], dashed: true, color: 4 },
    ]);
  });

  it('omits the validation series when no epoch has one, and names the set as asked', () => {
    expect(lossCurveSeries('', [epoch(0, 1, 2)])).toHaveLength(1);
    expect(lossCurveSeries('', [epoch(0, 1, 2, 4)], { validationName: 'test' })[1]!.name).toBe(
      'test',
    );
  });
});
