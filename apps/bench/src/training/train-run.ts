import type { EpochReport, Model, ModelData, TrainOptions } from '@latentkit/models';
import { epochProgress } from './progress.js';
import type { Trainer } from './trainer.js';

/** Options of {@link trainRun}: the training options the suites vary, plus a label. */
export interface TrainRunOptions {
  /** Prefix of progress lines, e.g. `"reference seed 1"`. */
  label: string;
  epochs: number;
  seed: number;
  /** Default 128. */
  batchSize?: number;
  /** Adam's learning rate. Default 1e-3. */
  lr?: number;
  objective?: TrainOptions['objective'];
  /** Evaluated (negative ELBO, nats per image) after every epoch. */
  validation?: ModelData;
  /** Name of the validation set in progress lines. Default `"validation"`. */
  validationName?: string;
}

/**
 * Trains a model with the chosen trainer, drawing a progress bar per epoch and printing one line
 * per epoch (seconds, samples/s, train loss, validation negative ELBO).
 *
 * @returns One report per epoch, as `train` gives them.
 */
export async function trainRun(
  trainer: Trainer,
  model: Model,
  data: ModelData & { n: number },
  options: TrainRunOptions,
): Promise<EpochReport[]> {
  const batchSize = options.batchSize ?? 128;
  const batches = Math.ceil(data.n / batchSize);
  let bar = epochProgress(`${options.label} epoch 1/${options.epochs}`, batches);
  const result = await trainer.train(model, data, {
    epochs: options.epochs,
    batchSize,
    learningRate: options.lr ?? 1e-3,
    seed: options.seed,
    ...(options.objective ? { objective: options.objective } : {}),
    ...(options.validation ? { validation: options.validation } : {}),
    onBatch: (r) => bar.batch(r.batch + 1, r.loss),
    onEpoch: (r) => {
      const v = r.validation
        ? `, ${options.validationName ?? 'validation'} −ELBO ${r.validation.negElbo.toFixed(2)}`
        : '';
      bar.done(
        `${options.label} epoch ${r.epoch + 1}/${options.epochs}: ${r.seconds.toFixed(1)} s, ` +
          `${Math.round(r.samplesPerSecond)} samples/s, train loss ${r.loss.toFixed(2)}${v} (nats/image)`,
      );
      if (r.epoch + 1 < options.epochs) {
        bar = epochProgress(`${options.label} epoch ${r.epoch + 2}/${options.epochs}`, batches);
      }
    },
  });
  return result.epochs;
}
