import type { PretrainedModelId } from './asset-files.js';
import type { TrainingMetadata } from './training-metadata.js';

/** One pretrained file in the {@link ModelManifest}. */
export interface ManifestModelEntry {
  /** File name in the models folder. */
  file: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
  /** Parameters (scalars). */
  parameters: number;
  /** The training record stored in the file (same JSON). */
  training: TrainingMetadata;
}

/** One data file in the {@link ModelManifest}. */
export interface ManifestDataEntry {
  /** File name in the data folder. */
  file: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
  /** What it holds. */
  description: string;
}

/**
 * `models/manifest.json`, written by the pretraining script: every pretrained model with its
 * training record and scores, the shipped data files, and how to regenerate them. The site can
 * render it; `renderModelsReadme` turns it into `models/README.md`.
 */
export interface ModelManifest {
  /** Manifest format version. */
  version: 1;
  /** Command that regenerates every file (from the repository root). */
  command: string;
  /** Per-job wall-clock seconds of the last run of each job (training + evaluation + saving). */
  jobSeconds: Record<string, number>;
  /**
   * Machine of the last run; `loadAverage` is the 1-minute load average when it ended (other
   * processes sharing the cores slow the wall times).
   */
  machine: { cores: number; node: string; platform: string; loadAverage?: number };
  /** Pretrained models by id. */
  models: Partial<Record<PretrainedModelId, ManifestModelEntry>> &
    Record<string, ManifestModelEntry>;
  /** Shipped data files by key. */
  data: Record<string, ManifestDataEntry>;
  /** Extra figures computed by the jobs (e.g. synthesis reports), by job id. */
  extras: Record<string, unknown>;
}
