import { describe, expect, it } from 'vitest';
import { PRETRAIN_JOBS } from './jobs.js';
import type { PretrainJob } from './pretrain-job.js';
import { selectJobs } from './select-jobs.js';

const job = (id: string, dependsOn?: string[]): PretrainJob => ({
  id,
  description: id,
  ...(dependsOn ? { dependsOn } : {}),
  run: async () => ({}),
});

describe('selectJobs', () => {
  const jobs = [job('data'), job('classifier'), job('cvae', ['classifier']), job('vq')];

  it('runs everything in list order by default', () => {
    expect(selectJobs(jobs).selected.map((j) => j.id)).toEqual([
      'data',
      'classifier',
      'cvae',
      'vq',
    ]);
    expect(selectJobs(jobs).external).toEqual([]);
  });

  it('--only keeps list order and reports dependencies that are not selected', () => {
    const r = selectJobs(jobs, ['vq', 'cvae']);
    expect(r.selected.map((j) => j.id)).toEqual(['cvae', 'vq']);
    expect(r.external).toEqual(['classifier']);
    expect(selectJobs(jobs, ['cvae', 'classifier']).external).toEqual([]);
  });

  it('refuses unknown ids, duplicates and dependencies that come later', () => {
    expect(() => selectJobs(jobs, ['nope'])).toThrow(/unknown job 'nope'/);
    expect(() => selectJobs([job('a'), job('a')])).toThrow(/duplicate/);
    expect(() => selectJobs([job('b', ['a']), job('a')])).toThrow(/does not come before/);
  });

  it('the real job list is consistent (unique ids, dependencies first)', () => {
    expect(() => selectJobs(PRETRAIN_JOBS)).not.toThrow();
    expect(PRETRAIN_JOBS.map((j) => j.id)).toEqual([
      'mnist-subset',
      'classifier',
      'latent2d',
      'cvae',
      'betaVae',
      'irisVae',
      'vqVae',
      'vqVaePrior',
    ]);
  });
});
