import { betaVaeJob } from './beta-vae-job.js';
import { classifierJob } from './classifier-job.js';
import { cvaeJob } from './cvae-job.js';
import { irisVaeJob } from './iris-vae-job.js';
import { latent2dJob } from './latent-2d-job.js';
import { mnistSubsetJob } from './mnist-subset-job.js';
import type { PretrainJob } from './pretrain-job.js';
import { vqVaeJob } from './vq-vae-job.js';
import { vqVaePriorJob } from './vq-vae-prior-job.js';

/**
 * Every job of the pretraining script, in the order they run (a job's `dependsOn` must come
 * before it). To add a model — e.g. the VQ-VAE demo's — write a `PretrainJob` (for a
 * `@latentkit/models` model, `modelJob({...})` does training, F16 rounding, scoring and saving)
 * and append it here; `--only <id>` then trains just that one and merges it into the manifest.
 */
export const PRETRAIN_JOBS: readonly PretrainJob[] = [
  mnistSubsetJob,
  classifierJob,
  latent2dJob,
  cvaeJob,
  betaVaeJob,
  irisVaeJob,
  vqVaeJob,
  vqVaePriorJob,
];
