/**
 * The demo pages' prose states figures of the shipped models (MIG, epochs, the judge's scores of
 * the prior's samples …). These tests derive each stated figure from `models/manifest.json` (the
 * training records the pretraining script wrote) and require the page to say exactly that, so a
 * retrained model cannot leave its page telling an older story. The browser tests read the same
 * figures from the rendered demos.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectiveOptions } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../common/model-manifest.js';
import { SAMPLE_TEMPERATURE } from '../vq-vae/vq-vae-state.js';

const docs = join(import.meta.dirname, '../..');
const manifest = JSON.parse(
  readFileSync(join(docs, 'assets/models/manifest.json'), 'utf8'),
) as ModelManifest;
const page = (name: string) => readFileSync(join(docs, 'site/demos', `${name}.md`), 'utf8');
const training = (id: keyof ModelManifest['models']) => {
  const entry = manifest.models[id];
  if (!entry) throw new Error(`manifest has no model '${String(id)}'`);
  return entry.training;
};
const percent = (x: number) => `${Math.round(100 * x)} %`;
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Every figure the page must state, as the exact text it must contain. */
function expectStated(text: string, figures: string[]): void {
  const missing = figures.filter((f) => !text.includes(f));
  expect(missing, `stated on the page: ${missing.join(' | ')}`).toEqual([]);
}

describe('demo pages state the shipped models’ figures', () => {
  it('β-VAE: β schedule, epochs, MIG and active dimensions', () => {
    const t = training('betaVae');
    const objective = t.objective as ObjectiveOptions;
    const stepsPerEpoch = t.steps / t.epochs;
    const figures = [
      `MIG ${t.scores.mig!.toFixed(3)}`,
      `${t.epochs} epochs of 60,000 sprites`,
      `its ${WORDS[t.scores.activeUnits!]} active rows`,
    ];
    const change = objective.betaSchedule?.[0];
    if (change) {
      const hard = change.step / Math.ceil(stepsPerEpoch);
      figures.push(`β = ${objective.beta} for ${hard} epochs, then β = ${change.beta}`);
    } else {
      figures.push(`β = ${objective.beta}`);
    }
    expectStated(page('beta-vae'), figures);
  });

  it('VQ-VAE: the prior’s judge scores, temperature, size and training', () => {
    const p = training('vqVaePrior');
    const s = p.scores;
    const vq = training('vqVae');
    expectStated(page('vq-vae'), [
      `The demo starts at ${SAMPLE_TEMPERATURE}.`,
      `is ${s.coolSampleMeanTop!.toFixed(2)} there (${s.sampleMeanTop!.toFixed(2)} at temperature 1)`,
      `against ${s.reconMeanTop!.toFixed(2)} for the reconstructions`,
      `${s.randomMeanTop!.toFixed(2)} for random grids`,
      `${percent(s.coolSampleReadAsDigit!)} of the samples read as a digit`,
      `(${percent(s.reconReadAsDigit!)} of the reconstructions)`,
      `(${s.coolSampleClassEntropy!.toFixed(2)} bits of entropy`,
      `trained for ${p.epochs} epochs`,
      `${p.epochs} epochs; ${s.testBitsPerCode!.toFixed(2)} bits per code`,
      `${/(\d+) filters/.exec(p.title)![1]} filters`,
      `restarts, ${vq.epochs} epochs on the 60000 training digits`,
    ]);
  });
});
