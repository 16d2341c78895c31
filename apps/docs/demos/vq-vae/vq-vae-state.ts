/**
 * The VQ-VAE demo's page state and what it says: the numbers the worker sent, turned into the
 * notes under each row and the `data-*` attributes tests read. Pure functions, tested in Node.
 */
import { fmt } from '../common/dom.js';
import { imageChecksum } from '../common/pixels.js';
import type { RowReadings, SubsetStatistics } from './vq-vae-model.js';
import type { VqVaeDetails, VqVaeStart } from './vq-vae-session.js';

/**
 * The temperature the demo samples at first, and the one the pretraining scores (with its
 * diversity) besides T = 1: the `coolSample…` scores of `vq-vae-prior.safetensors`.
 */
export const SAMPLE_TEMPERATURE = 0.5;

/** A row of prior samples as the page keeps it. */
export interface ShownSamples {
  images: Float32Array;
  readings: RowReadings;
  nearest: number;
  seed: number;
  temperature: number;
}

/** Everything the demo shows, filled in as the worker answers. */
export interface VqVaeState {
  seed: number;
  temperature: number;
  selected: number;
  /** Whether prior samples are being drawn. */
  sampling: boolean;
  first?: VqVaeStart;
  /** The classifier's readings of the first output (they follow it). */
  details?: VqVaeDetails;
  stats?: SubsetStatistics;
  samples?: ShownSamples;
}

const pct = (v: number, digits = 1) => `${fmt(100 * v, digits)} %`;

/** Caption under image `i` of a row: the digit the classifier reads and how sure it is. */
export function readingCaption(r: RowReadings, i: number): string {
  return `${r.labels[i]} · ${fmt(100 * r.confidence[i]!, 0)} %`;
}

/** The note under the reconstructions (the subset's NMSE once it is known). */
export function reconNoteText(first: VqVaeStart, stats?: SubsetStatistics): string {
  const subset = stats
    ? `of all ${stats.count} subset digits ${fmt(stats.nmse, 3)}`
    : 'the whole subset is being encoded…';
  return (
    `NMSE of this row ${fmt(first.nmse, 3)}; ${subset} ` +
    '(mean squared error ÷ pixel variance; 0 is perfect, 1 is drawing the mean grey everywhere).'
  );
}

/** The note under the usage histogram. */
export function usageNoteText(stats?: SubsetStatistics): string {
  if (!stats) return 'Encoding the shipped test subset to count the codes…';
  return (
    `${stats.usedCodes} of 128 codes used (${pct(stats.usage, 0)}) by the ` +
    `${stats.count * 49} code positions of the subset; perplexity ${fmt(stats.perplexity, 1)} ` +
    '(exp of the entropy of the code frequencies: 128 if all were equally frequent).'
  );
}

/** The note under the prior samples: distances to real digits and the classifier's readings. */
export function sampleNoteText(first: VqVaeDetails, samples: ShownSamples): string {
  const real = first.realReadings;
  const random = first.randomReadings;
  return (
    `Seed ${samples.seed}, temperature ${fmt(samples.temperature, 1)}. Distance to the nearest of the ` +
    `${first.references} training digits of the subset (NMSE, mean over the row): ` +
    `${fmt(samples.nearest, 2)} for these samples, ${fmt(first.realNearest, 2)} for the test digits above, ` +
    `${fmt(first.randomNearest, 2)} for the random grids below. The classifier's mean top-class ` +
    `probability is ${pct(samples.readings.meanTop, 0)} here, ${pct(real.meanTop, 0)} on ` +
    `the test digits and ${pct(random.meanTop, 0)} on the random textures: it was also trained ` +
    'to be unsure of non-digits (outlier exposure), so its confidence tells a digit from noise.'
  );
}

/** The note under the random grids (the nearest-digit distance once `details` are known). */
export function randomNoteText(first: VqVaeStart, details?: VqVaeDetails): string {
  const nearest = details
    ? `${fmt(details.randomNearest, 2)} to the nearest training digit.`
    : 'the distance to the nearest training digit follows…';
  return (
    `Uniformly random codes decode to texture, not digits: NMSE against the test digits above ` +
    `${fmt(first.randomVsOriginals, 2)}, ${nearest}`
  );
}

/**
 * The status line: how the shipped models scored when they were trained (the prior's scores
 * once the prior has loaded: bits per code, and the classifier's mean top-class probability of
 * its samples at {@link SAMPLE_TEMPERATURE} against the reconstructions and random grids, with
 * the entropy of the digits it reads in them).
 */
export function statusText(scores: {
  vq: Record<string, number>;
  prior?: Record<string, number>;
}): string {
  const s = scores.vq;
  const p = scores.prior;
  const num = (v: number | undefined) => v ?? Number.NaN;
  const prior = p
    ? `prior ${fmt(num(p.testBitsPerCode), 2)} bits per code on the test grids (7 for uniform codes); ` +
      `the classifier rated its samples at temperature ${fmt(SAMPLE_TEMPERATURE, 1)} ` +
      `${pct(num(p.coolSampleMeanTop), 0)} (${pct(num(p.coolSampleReadAsDigit), 0)} read as a digit; ` +
      `digits read with ${fmt(num(p.coolSampleClassEntropy), 2)} bits of entropy, 3.32 for all ten equally often), ` +
      `reconstructions ${pct(num(p.reconMeanTop), 0)}, random grids ${pct(num(p.randomMeanTop), 0)}.`
    : 'loading the prior…';
  return (
    `Pretrained on all 60000 training digits: test NMSE ${fmt(s.testNmse ?? Number.NaN, 3)}, ` +
    `${pct(s.testUsage ?? Number.NaN, 0)} of codes used; ${prior}`
  );
}

/**
 * The `data-*` attributes of the demo's root for a state (keys without `data-`): only the
 * numbers known so far (first output, then the classifier's readings of it, the subset's
 * statistics and the samples). `subset` is `ready` once the whole subset has been encoded.
 */
export function dataAttributes(state: VqVaeState): Record<string, string> {
  const out: Record<string, string> = {
    seed: String(state.seed),
    temperature: String(state.temperature),
    sampling: String(state.sampling),
    selected: String(state.selected),
    subset: state.stats ? 'ready' : 'pending',
  };
  const { first, details, stats, samples } = state;
  if (first) {
    out.variance = first.variance.toFixed(6);
    out.nmse = first.nmse.toFixed(5);
    out['random-checksum'] = imageChecksum(first.random);
  }
  if (details) {
    out['real-mean-top'] = details.realReadings.meanTop.toFixed(4);
    out['random-mean-top'] = details.randomReadings.meanTop.toFixed(4);
    out['real-nearest'] = details.realNearest.toFixed(4);
    out['random-nearest'] = details.randomNearest.toFixed(4);
    // The prior's pretraining scores the status line states (1000 samples at SAMPLE_TEMPERATURE).
    const p = details.scores.prior;
    out['prior-sample-mean-top'] = (p.coolSampleMeanTop ?? Number.NaN).toFixed(4);
    out['prior-recon-mean-top'] = (p.reconMeanTop ?? Number.NaN).toFixed(4);
    out['prior-sample-entropy'] = (p.coolSampleClassEntropy ?? Number.NaN).toFixed(4);
  }
  if (stats) {
    out['subset-nmse'] = stats.nmse.toFixed(5);
    out.usage = stats.usage.toFixed(4);
    out['used-codes'] = String(stats.usedCodes);
    out.perplexity = stats.perplexity.toFixed(3);
  }
  if (samples) {
    out['samples-checksum'] = imageChecksum(samples.images);
    out['sample-mean-top'] = samples.readings.meanTop.toFixed(4);
    out['sample-nearest'] = samples.nearest.toFixed(4);
  }
  return out;
}
