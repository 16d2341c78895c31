import { describe, expect, it } from 'vitest';
import { imageChecksum } from '../common/pixels.js';
import type { SubsetStatistics } from './vq-vae-model.js';
import type { VqVaeDetails, VqVaeStart } from './vq-vae-session.js';
import {
  dataAttributes,
  randomNoteText,
  readingCaption,
  reconNoteText,
  SAMPLE_TEMPERATURE,
  sampleNoteText,
  statusText,
  usageNoteText,
  type VqVaeState,
} from './vq-vae-state.js';

const readings = (meanTop: number) => ({
  meanTop,
  readAsDigit: 0.5,
  classEntropy: 1,
  labels: Uint8Array.from([3, 7]),
  confidence: Float32Array.from([0.912, 0.4]),
});

const first = {
  start: 0,
  originals: new Float32Array(2 * 784),
  reconstructions: new Float32Array(2 * 784),
  codes: new Int32Array(2 * 49),
  nmse: 0.04321,
  random: Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 7) / 7),
  randomVsOriginals: 1.5,
  variance: 0.0951,
  scores: { vq: { testNmse: 0.05, testUsage: 1 } },
} satisfies VqVaeStart;

const details = {
  realReadings: readings(0.95),
  randomReadings: readings(0.81),
  realNearest: 0.2,
  randomNearest: 1.1,
  references: 2000,
  scores: {
    vq: { testNmse: 0.05, testUsage: 1 },
    prior: {
      testBitsPerCode: 3.2,
      coolSampleMeanTop: 0.7234,
      coolSampleReadAsDigit: 0.512,
      coolSampleClassEntropy: 3.1,
      reconMeanTop: 0.9012,
      randomMeanTop: 0.1234,
    },
  },
} satisfies VqVaeDetails;

const stats: SubsetStatistics = {
  count: 2000,
  counts: new Float64Array(128).fill(1),
  usage: 0.96875,
  perplexity: 70.5,
  usedCodes: 124,
  nmse: 0.0512,
};

describe('VQ-VAE demo state', () => {
  it('data attributes hold only what is known: first output, readings, subset, samples', () => {
    const state: VqVaeState = { seed: 3, temperature: 0.7, selected: 1, sampling: true };
    expect(dataAttributes(state)).toEqual({
      seed: '3',
      temperature: '0.7',
      sampling: 'true',
      selected: '1',
      subset: 'pending',
    });
    state.first = first;
    const a = dataAttributes(state);
    expect(a.nmse).toBe('0.04321');
    expect(a.variance).toBe('0.095100');
    expect(a['random-checksum']).toBe(imageChecksum(first.random));
    expect(a.usage).toBeUndefined();
    // The classifier's readings follow the first output.
    expect(a['real-mean-top']).toBeUndefined();
    expect(a['random-nearest']).toBeUndefined();
    state.details = details;
    const r = dataAttributes(state);
    expect([
      r['real-mean-top'],
      r['random-mean-top'],
      r['real-nearest'],
      r['random-nearest'],
    ]).toEqual(['0.9500', '0.8100', '0.2000', '1.1000']);
    // The prior's pretraining scores the status line states.
    expect([
      r['prior-sample-mean-top'],
      r['prior-recon-mean-top'],
      r['prior-sample-entropy'],
    ]).toEqual(['0.7234', '0.9012', '3.1000']);
    state.stats = stats;
    const b = dataAttributes(state);
    expect(b.subset).toBe('ready');
    expect([b.usage, b['used-codes'], b.perplexity, b['subset-nmse']]).toEqual([
      '0.9688',
      '124',
      '70.500',
      '0.05120',
    ]);
    expect(b['samples-checksum']).toBeUndefined();
    state.samples = {
      images: new Float32Array(2 * 784).fill(0.5),
      readings: readings(0.9),
      nearest: 0.25,
      seed: 3,
      temperature: 0.7,
    };
    state.sampling = false;
    const c = dataAttributes(state);
    expect(c.sampling).toBe('false');
    expect(c['samples-checksum']).toBe(imageChecksum(state.samples.images));
    expect(c['sample-nearest']).toBe('0.2500');
  });

  it('notes and captions say what the numbers are', () => {
    expect(readingCaption(details.realReadings, 0)).toBe('3 · 91 %');
    expect(statusText(first.scores)).toMatch(
      /test NMSE 0\.050, 100 % of codes used; loading the prior…$/,
    );
    expect(statusText(details.scores)).toMatch(/prior 3\.20 bits per code/);
    expect(statusText(details.scores)).toMatch(
      new RegExp(
        `samples at temperature ${SAMPLE_TEMPERATURE.toFixed(1).replace('.', '\\.')} 72 % \\(51 % read as a digit; ` +
          'digits read with 3\\.10 bits of entropy, 3\\.32 for all ten equally often\\), ' +
          'reconstructions 90 %, random grids 12 %\\.$',
      ),
    );
    expect(randomNoteText(first)).toMatch(
      /NMSE against the test digits above 1\.50, the distance .* follows/,
    );
    expect(randomNoteText(first, details)).toMatch(/1\.50, 1\.10 to the nearest training digit\.$/);
    expect(reconNoteText(first)).toMatch(
      /NMSE of this row 0\.043; the whole subset is being encoded/,
    );
    expect(reconNoteText(first, stats)).toMatch(/of all 2000 subset digits 0\.051/);
    expect(usageNoteText()).toMatch(/Encoding/);
    expect(usageNoteText(stats)).toMatch(
      /^124 of 128 codes used \(97 %\) by the 98000 code positions/,
    );
    const note = sampleNoteText(details, {
      images: new Float32Array(0),
      readings: readings(0.9),
      nearest: 0.25,
      seed: 3,
      temperature: 0.7,
    });
    expect(note).toMatch(
      /^Seed 3, temperature 0\.7\. .* 0\.25 for these samples, 0\.20 for the test digits above, 1\.10 for the random grids/,
    );
  });
});
