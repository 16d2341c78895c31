import { describe, expect, it } from 'vitest';
import type { TorchVaeResult } from '../../training/torch-baseline.js';
import { pickFastest } from '../../training/torch-config.js';
import type { ReferenceMeasures } from './measure-reference.js';
import { RECORDED_TORCH } from './reference-settings.js';
import { evaluationNote, referenceTable, targetNote, torchNotes } from './render-reference.js';
import type { ReferenceRun } from './train-reference.js';

const settings = {
  epochs: 2,
  seeds: [1, 2],
  iwae: { k: 5, images: 10 },
  scaling: { images: 256, rounds: 1 },
};
const run = (seed: number, sps: number, spe: number, loss: number): ReferenceRun => ({
  seed,
  epochs: [],
  samplesPerSecond: sps,
  secondsPerEpoch: spe,
  testLoss: loss,
});
const runs = [run(1, 12_346, 4.861, 104.123), run(2, 11_000, 5.5, 106)];
const ours = { samplesPerSecond: 11_600, secondsPerEpoch: 5.18, testLoss: 105.06 };
const torch: TorchVaeResult = {
  torch_version: '2.1',
  threads: 1,
  seed: 1,
  epochs: [
    { epoch: 0, seconds: 3, train_loss: 120, test_loss: 110 },
    { epoch: 1, seconds: 5, train_loss: 110, test_loss: 105 },
  ],
  batch_size: 128,
  train_examples: 60000,
  samples_per_second: 15_000,
  test_loss: 105,
};

describe('referenceTable', () => {
  it('lists each seed, the mean of two seeds, and each PyTorch run with its seconds per epoch', () => {
    const t = referenceTable(
      settings,
      { runs: [...runs], torch: [torch], trainN: 60000 },
      { ours, recordedLosses: [] },
    );
    expect(t.columns[4]).toBe('test −ELBO (nats)');
    expect(t.rows).toEqual([
      ['latentkit seed 1', '0', '12.35k', '4.86', '104.12', 'measured'],
      ['latentkit seed 2', '0', '11.00k', '5.50', '106.00', 'measured'],
      ['latentkit mean', '2', '11.60k', '5.18', '105.06', 'measured'],
      ['PyTorch 2.1 seed 1 (1 thread)', '2', '15.00k', '4.00', '105.00', 'measured'],
    ]);
  });

  it('shows the recorded PyTorch row when torch did not run, and no mean for one seed', () => {
    const t = referenceTable(
      settings,
      { runs: runs.slice(0, 1), torch: [], trainN: 26_000 },
      { ours, recordedLosses: [105.25, 105.76] },
    );
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]).toEqual([
      'PyTorch 1.13 (recorded)',
      '10',
      '13.00k',
      '2.00',
      '105.25 / 105.76',
      'recorded, not measured',
    ]);
  });
});

describe('torchNotes', () => {
  const measured: ReferenceMeasures = {
    ours,
    torch: {
      measured: true,
      samplesPerSecond: 23_200,
      testLoss: 104.06,
      runs: [torch],
      config: undefined,
    },
    ratio: { value: 0.5, measured: true },
    spread: { ours: 1.5, torch: 0.25, standardError: 0.75 },
    recordedLosses: [],
    targetMet: true,
  };

  it('gives the measured ratio, the loss difference and the spread', () => {
    const notes = torchNotes(measured, { runs: 2, torch: 2 }, 'train (1 thread)');
    expect(notes[0]).toBe(
      'throughput latentkit / PyTorch, measured in this run: 0.50× (11.60k vs 23.20k samples/s; latentkit: train (1 thread))',
    );
    expect(notes[1]).toContain('test loss latentkit − PyTorch: 1.00 nats');
    expect(notes[2]).toContain(
      'latentkit 1.50, PyTorch 0.25 nats; difference of the means 1.00 ± 0.75',
    );
  });

  it('states the best PyTorch configuration and the other candidates when it was probed', () => {
    const config = pickFastest(
      [
        { setting: { threads: 2, tuned: false }, samplesPerSecond: 15_000 },
        { setting: { threads: 1, tuned: true }, samplesPerSecond: 24_000 },
      ],
      100,
      1,
    );
    const notes = torchNotes(
      { ...measured, torch: { ...measured.torch, config } as ReferenceMeasures['torch'] },
      { runs: 2, torch: 2 },
      'train (1 thread)',
    );
    expect(notes[0]).toContain('0.50× (PyTorch in its best configuration)');
    expect(notes[1]).toBe(
      'PyTorch best configuration: 1 thread, tuned malloc + OpenBLAS 1 thread — 24.00k samples/s ' +
        'in the probe, 23.20k in the full run; others (probe): 2 threads, plain 15.00k ' +
        '(best of 1 interleaved probe round of 100 steps per candidate)',
    );
  });

  it('says why PyTorch was not measured and marks the ratio as recorded', () => {
    const notes = torchNotes(
      {
        ...measured,
        torch: { measured: false, reason: 'no PyTorch', recorded: RECORDED_TORCH },
        ratio: { value: 1.234, measured: false },
        spread: undefined,
      },
      { runs: 1, torch: 0 },
      'x',
    );
    expect(notes).toEqual([
      'PyTorch not measured: no PyTorch.',
      'throughput latentkit / PyTorch (recorded, not measured: 13.00k samples/s): 1.23×',
    ]);
  });
});

describe('targetNote and evaluationNote', () => {
  it('warns in quick mode and gives the verdict in full mode', () => {
    expect(targetNote(true, settings, { ours, targetMet: true })).toMatch(
      /^QUICK: 2 epochs, seed 1, 2 only/,
    );
    expect(targetNote(false, settings, { ours, targetMet: false })).toBe(
      'target: mean test loss over seeds ≤ 105.3 nats after 10 epochs: 105.06 → NOT met',
    );
  });

  it('writes the ELBO terms, the IWAE estimate and the active units', () => {
    const note = evaluationNote({
      seed: 1,
      negElbo: 104.5,
      recon: 80.25,
      kl: 24.25,
      iwae: { k: 50, images: 1000, nll: 99.125 },
      activeUnits: 17,
      klPerDim: [],
    });
    expect(note).toBe(
      'seed 1 model on the test set: −ELBO 104.50 = recon 80.25 + KL 24.25 nats; IWAE estimate of ' +
        '−log p(x) with k = 50 on 1000 test images: 99.13 nats; active units 17 of 20.',
    );
  });
});
