import { describe, expect, it } from 'vitest';
import { VQVAE_SETTINGS } from '../../vqvae/settings.js';
import type { EpochPoint } from '../../vqvae/train-quantizer.js';
import { targetNotes, vqvaeTable } from './render-vqvae.js';
import type { VqvaeRunData } from './train-vqvae.js';

const point = (epoch: number, nmse: number, usage: number): EpochPoint => ({
  epoch,
  seconds: 12,
  samplesPerSecond: 1000,
  loss: 0,
  recon: 0,
  train: { perplexity: 90, usage: 0.875, restarted: 4 },
  test: { nmse, perplexity: 101.26, usage },
});

describe('vqvaeTable', () => {
  it('gives the last epoch’s test figures, the restarts and the speed of each run', () => {
    const run = {
      setting: { name: 'EMA + restarts' },
      epochs: [point(1, 0.05, 0.9), point(2, 0.04321, 0.9612)],
      samplesPerSecond: 1234.6,
      trainSeconds: 24.4,
    } as unknown as VqvaeRunData;
    expect(vqvaeTable([run]).rows).toEqual([
      ['EMA + restarts', '0.0432', '101.3', '96.1%', '87.5%', '8', '1235', '24'],
    ]);
  });
});

describe('targetNotes', () => {
  const s = { ...VQVAE_SETTINGS.full, testN: 10000, epochs: 30, stopAtTarget: true };

  it('says when both targets were first met, in training and wall-clock seconds', () => {
    const notes = targetNotes(
      { epochs: [point(1, 0.05, 0.99), point(2, 0.04, 0.97)], wallAtEpoch: [20, 41.2] },
      s,
    );
    expect(notes).toEqual([
      'targets (EMA + restarts, 10000 test images): NMSE ≤ 0.0444 met (0.0400), usage ≥ 95.0% met (97.0%).',
      'both targets first met after epoch 2: 24 s of training steps, 41 s wall-clock with the per-epoch test evaluations.',
    ]);
  });

  it('says NOT met, and that the run stopped at its epoch budget', () => {
    const notes = targetNotes({ epochs: [point(1, 0.05, 0.5)], wallAtEpoch: [1] }, s);
    expect(notes[0]).toContain('NMSE ≤ 0.0444 NOT met (0.0500), usage ≥ 95.0% NOT met (50.0%)');
    expect(notes[1]).toBe('targets not met within 30 epochs.');
  });
});
