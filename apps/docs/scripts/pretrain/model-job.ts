import {
  createModel,
  type EpochReport,
  evaluateElbo,
  type Model,
  type ModelConfig,
  type ModelData,
  type ObjectiveOptions,
  train,
} from '@latentkit/models';
import { tf } from '@latentkit/tensor';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import { roundStoreToHalf } from './half-precision-weights.js';
import type { JobOutput, PretrainContext, PretrainJob } from './pretrain-job.js';
import { environment, savePretrained } from './save-pretrained.js';

/** The data of a {@link ModelJobSpec}. */
export interface ModelJobData {
  /** Training examples. */
  train: ModelData;
  /** Test examples (the recorded −ELBO is on these). */
  test: ModelData;
  /** What the training data are, for the record. */
  trainNote: string;
  /** What the test data are, for the record. */
  testNote: string;
}

/** Scores a job adds after training (measured on the stored, F16-rounded weights). */
export interface ExtraScores {
  scores: Record<string, number>;
  notes: Record<string, string>;
  extra?: Record<string, unknown>;
  /** Figures for the manifest's `extras`. */
  manifestExtras?: unknown;
}

/** Everything that differs between the `@latentkit/models` jobs (2-D VAE, CVAE, β-VAE …). */
export interface ModelJobSpec {
  /** Job id and model id (a key of `MODEL_FILES`). */
  id: string;
  /** Output file name. */
  file: string;
  /** Description (manifest, `--list`). */
  title: string;
  /** The model. */
  config: ModelConfig;
  /** Seed of initialization, shuffling and ε. */
  seed: number;
  epochs: number;
  batchSize: number;
  lr: number;
  objective?: ObjectiveOptions;
  /** Other jobs whose files {@link ModelJobSpec.score} reads. */
  dependsOn?: string[];
  /** Builds the data (MNIST from the context, or rendered). */
  data(context: PretrainContext): ModelJobData;
  /** Extra scores on the trained model (e.g. MIG). */
  score?(context: PretrainContext, model: Model, data: ModelJobData): Promise<ExtraScores>;
}

/**
 * A {@link PretrainJob} that trains a `@latentkit/models` model with `train` (one thread, so the
 * result depends only on the seed), rounds its weights to F16, measures the test negative ELBO
 * (nats per example, one z sample per example, seed 0) and the spec's extra scores on the rounded
 * weights, and saves it with its config and training record.
 */
export function modelJob(spec: ModelJobSpec): PretrainJob {
  return {
    id: spec.id,
    description: spec.title,
    ...(spec.dependsOn ? { dependsOn: spec.dependsOn } : {}),
    async run(context: PretrainContext): Promise<JobOutput> {
      const data = spec.data(context);
      const model = createModel(spec.config, { seed: spec.seed });
      try {
        const epochs: EpochReport[] = [];
        const result = await train(model, data.train, {
          epochs: spec.epochs,
          batchSize: spec.batchSize,
          learningRate: spec.lr,
          seed: spec.seed,
          ...(spec.objective ? { objective: spec.objective } : {}),
          onEpoch: (e) => {
            epochs.push(e);
            context.log(
              `${spec.id}: epoch ${e.epoch + 1}/${spec.epochs} loss ${e.loss.toFixed(2)} ` +
                `(recon ${e.recon.toFixed(2)}, KL ${e.kl.toFixed(2)}) ` +
                `${Math.round(e.samplesPerSecond)} samples/s, ${e.seconds.toFixed(1)} s`,
            );
          },
        });
        roundStoreToHalf(model.store);
        const elbo = evaluateElbo(model, data.test, { seed: 0 });
        context.log(`${spec.id}: test −ELBO ${elbo.negElbo.toFixed(2)} nats`);
        const extra = spec.score ? await spec.score(context, model, data) : undefined;
        const training: TrainingMetadata = {
          id: spec.id,
          title: spec.title,
          data: data.trainNote,
          seed: spec.seed,
          epochs: spec.epochs,
          batchSize: spec.batchSize,
          lr: spec.lr,
          ...(spec.objective ? { objective: { ...spec.objective } } : {}),
          steps: result.steps,
          trainSeconds: round(
            epochs.reduce((s, e) => s + e.seconds, 0),
            1,
          ),
          lossPerEpoch: epochs.map((e) => round(e.loss, 3)),
          weightDtype: 'F16',
          scores: {
            testNegElbo: round(elbo.negElbo, 4),
            testRecon: round(elbo.recon, 4),
            testKl: round(elbo.kl, 4),
            ...extra?.scores,
          },
          scoreNotes: {
            testNegElbo: `negative ELBO, nats per example, on ${data.testNote} (one z sample per example, seed 0)`,
            testRecon: 'reconstruction term of testNegElbo, nats',
            testKl: 'KL term of testNegElbo, nats',
            ...extra?.notes,
          },
          ...(extra?.extra ? { extra: extra.extra } : {}),
          environment: environment(context.backend.name),
        };
        const entry = await savePretrained(context, {
          file: spec.file,
          store: model.store,
          config: model.config,
          training,
        });
        return {
          models: { [spec.id]: entry },
          ...(extra?.manifestExtras ? { extras: extra.manifestExtras } : {}),
        };
      } finally {
        model.dispose();
        if (tf.memory().numTensors > 0) context.log(`(${tf.memory().numTensors} tensors alive)`);
      }
    },
  };
}

/** `x` rounded to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
