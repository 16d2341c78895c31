import {
  InvalidArgumentError,
  type TrainingBatch,
  type TrainingBatchReport,
  type TrainingEpochReport,
} from '@latentkit/tensor';
import { evaluateElbo } from '../evaluation/evaluate-elbo.js';
import { gatherLabels, gatherRows } from './model-data.js';
import type { EpochReport, TrainResult } from './train.js';
import type { StepBatch, StepValues } from './train-engine.js';
import { saveCheckpoint, type TrainRun } from './train-setup.js';
import { addVqTotals, vqEpochReport } from './vq-report.js';

// Internal to `train`: what it plugs into `runTrainingLoop` from @latentkit/tensor — the step
// (gather, transform, engine step with ε from `fork('eps').fork(step)`), the per-batch hook
// (VQ sums, `onBatch`, periodic checkpoint) and the per-epoch hook (report, validation,
// `onEpoch`, epoch-end checkpoint). Order, shuffles, the NaN guard, sums, timing and abort are
// the loop's.

/**
 * Runs one engine step on the batch's rows.
 *
 * @throws {@link InvalidArgumentError} when `transform` returns a wrong array.
 */
export async function trainStep(run: TrainRun, batch: TrainingBatch): Promise<StepValues> {
  const { data, options, setup } = run;
  const { epoch, step, indices, size } = batch;
  if (!options.transform) {
    const rows = rowBatch(run, indices, step);
    const following = batch.nextIndices;
    if (following) {
      // Built only if the engine reads it: the local engine never does, and pays nothing.
      let next: StepBatch | undefined;
      Object.defineProperty(rows, 'next', {
        get: () => (next ??= rowBatch(run, following, step + 1)),
        set: (value: StepBatch | undefined) => {
          next = value;
        },
        enumerable: true,
      });
    }
    return run.engine.step(rows);
  }
  const { rowSize } = setup.info;
  const labels = setup.conditional ? gatherLabels(data.labels, indices) : undefined;
  const common = { labels, size, step, epsSeed: setup.rng.fork('eps').fork(step).seed };
  const xs = options.transform(gatherRows(data.x, rowSize, indices), {
    epoch,
    batch: batch.batch,
    step,
    indices,
  });
  if (!(xs instanceof Float32Array) || xs.length !== size * rowSize) {
    throw new InvalidArgumentError(
      'transform',
      `must return a Float32Array of ${size * rowSize} values`,
    );
  }
  return run.engine.step({ x: xs, ...common });
}

/**
 * The batch of `indices` at `step` as an engine sees it without a `transform`: its rows, labels
 * and ε seed, with `x` gathered only if the engine reads it (an engine holding the data reads
 * `rows` instead).
 */
function rowBatch(run: TrainRun, indices: Int32Array, step: number): StepBatch {
  const { data, setup } = run;
  let xs: Float32Array | undefined;
  return {
    get x() {
      xs ??= gatherRows(data.x, setup.info.rowSize, indices);
      return xs;
    },
    rows: indices,
    labels: setup.conditional ? gatherLabels(data.labels, indices) : undefined,
    size: indices.length,
    step,
    epsSeed: setup.rng.fork('eps').fork(step).seed,
  };
}

/** After a step (values checked finite by the loop): VQ sums, `onBatch`, periodic checkpoint. */
export async function afterBatch(
  run: TrainRun,
  report: TrainingBatchReport<StepValues>,
): Promise<void> {
  const { options, setup } = run;
  const { epoch, batch, step, size, values } = report;
  const [loss, recon, kl] = values;
  const vq = values.vq;
  if (vq) run.vq = addVqTotals(run.vq, vq, size);
  options.onBatch?.({
    epoch,
    batch,
    step,
    size,
    loss,
    recon,
    kl,
    klWeight: setup.objective.klWeight(step),
    capacity: setup.objective.capacity(step),
    ...(vq && {
      vq: {
        codebook: vq.codebook,
        commitment: vq.commitment,
        perplexity: vq.perplexity,
        usage: vq.usage,
        restarted: vq.restarted,
      },
    }),
  });
  const done = step + 1;
  if (setup.every > 0 && done % setup.every === 0) {
    await saveCheckpoint(run, { epoch, batch: batch + 1, step: done }, report.sums);
  }
}

/**
 * Ends an epoch after its batches: its report (with validation, on the synced model), added to
 * `result`, then `onEpoch` and the epoch-end checkpoint (of fresh totals).
 */
export async function finishEpoch(
  run: TrainRun,
  loop: TrainingEpochReport,
  result: TrainResult,
): Promise<void> {
  const { model, options, setup } = run;
  const { epoch, steps, seconds, means, sums } = loop;
  const report: EpochReport = {
    epoch,
    steps,
    loss: means[0] ?? 0,
    recon: means[1] ?? 0,
    kl: means[2] ?? 0,
    seconds,
    samplesPerSecond: loop.examplesPerSecond,
  };
  if (run.vq && model.vq) {
    report.vq = vqEpochReport(run.vq, sums.count, model.vq.numQuantizers);
  }
  await run.engine.syncModel();
  if (options.validation) {
    report.validation = evaluateElbo(model, options.validation, {
      batchSize: options.validationBatchSize ?? 500,
      seed: setup.rng.fork('validation'),
    });
  }
  run.vq = undefined;
  result.epochs.push(report);
  result.steps = steps;
  await options.onEpoch?.(report);
  await saveCheckpoint(run, { epoch: epoch + 1, batch: 0, step: steps }, { count: 0, values: [] });
}
