import { describe, expect, it } from 'vitest';
import type { TorchVqvaeOutcome, TorchVqvaeResult } from '../../vqvae/torch-vqvae.js';
import { compareTorchVqvae, torchVqvaeSection } from './torch-comparison.js';

const restart = {
  samplesPerSecond: 1500,
  epochs: [
    { test: { nmse: 0.09, usage: 0.8, perplexity: 70 } },
    { test: { nmse: 0.06, usage: 0.96875, perplexity: 101.26 } },
  ],
} as Parameters<typeof compareTorchVqvae>[0];

const result: TorchVqvaeResult = {
  torch_version: '1.13.0a0',
  threads: 1,
  seed: 1,
  epochs: [
    {
      epoch: 1,
      seconds: 2,
      loss: 0,
      recon: 0,
      restarted: 5,
      test: { nmse: 0.1, usage: 0.9, perplexity: 80 },
    },
    {
      epoch: 2,
      seconds: 2,
      loss: 0,
      recon: 0,
      restarted: 3,
      test: { nmse: 0.05, usage: 1, perplexity: 110.04 },
    },
  ],
  batch_size: 128,
  train_examples: 6000,
  samples_per_second: 3000,
  test: { nmse: 0.05, usage: 1, perplexity: 110.04 },
};

const ran: TorchVqvaeOutcome = {
  ran: true,
  result,
  config: {
    best: { threads: 1, tuned: true },
    candidates: [
      { setting: { threads: 1, tuned: true }, samplesPerSecond: 3100 },
      { setting: { threads: 2, tuned: false }, samplesPerSecond: 2000 },
    ],
    probeSteps: 30,
    rounds: 1,
  },
};

describe('compareTorchVqvae', () => {
  it('divides latentkit’s samples/s by PyTorch’s and keeps both last test figures', () => {
    expect(compareTorchVqvae(restart, ran)).toEqual({
      ratio: 0.5,
      ours: { samplesPerSecond: 1500, nmse: 0.06, usage: 0.96875, perplexity: 101.26 },
      torch: { samplesPerSecond: 3000, nmse: 0.05, usage: 1, perplexity: 110.04 },
    });
  });

  it('gives nothing when PyTorch did not run', () => {
    expect(compareTorchVqvae(restart, { ran: false, reason: 'no PyTorch' })).toBeUndefined();
  });
});

describe('torchVqvaeSection', () => {
  it('adds a PyTorch row and states the ratio against the best configuration', () => {
    const { rows, notes } = torchVqvaeSection(restart, ran);
    expect(rows).toEqual([
      [
        'PyTorch 1.13.0a0 EMA + restarts (1 thread, tuned malloc + OpenBLAS 1 thread)',
        '0.0500',
        '110.0',
        '100.0%',
        '–',
        '8',
        '3000',
        '4',
      ],
    ]);
    expect(notes[0]).toMatch(
      /^EMA \+ restarts, latentkit 1500 samples\/s, PyTorch 3000 samples\/s \(best config: 1 thread, tuned malloc \+ OpenBLAS 1 thread\): ratio 0\.50×/,
    );
    expect(notes[1]).toContain('test NMSE 0.0600 vs 0.0500, usage 96.9% vs 100.0%');
    expect(notes[2]).toContain('others (probe): 2 threads, plain 2.00k');
  });

  it('says why PyTorch did not run, without a row', () => {
    expect(
      torchVqvaeSection(restart, { ran: false, reason: 'no PyTorch for /usr/bin/python3' }),
    ).toEqual({
      rows: [],
      notes: ['PyTorch twin of EMA + restarts not run: no PyTorch for /usr/bin/python3.'],
    });
  });
});
