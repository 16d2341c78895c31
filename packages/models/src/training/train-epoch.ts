import { InvalidArgumentError, NonFiniteError, permutation } from '@latentkit/tensor';
import { evaluateElbo } from '../evaluation/evaluate-elbo.js';
import { gatherLabels, gatherRows } from './model-data.js';
import type { EpochReport, TrainResult } from './train.js';
import { emptyTotals, saveCheckpoint, type TrainRun } from './train-setup.js';
import { addVqTotals, vqEpochReport } from './vq-report.js';

// Internal to `train`: one epoch of the loop (its batches, then its report, validation, callback
// and checkpoint).

/** How an epoch's batches went: stopped by the signal, or trained `trained` examples. */
export type EpochRun = { aborted: true } | { aborted: false; trained: number; seconds: number };

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/**
 * Runs the batches of the epoch in progress, from the run's first batch on: one engine step each,
 * `onBatch`, the periodic checkpoint. On abort, saves a checkpoint at the next batch and stops.
 *
 * @throws {@link NonFiniteError} when a step's loss is not finite; {@link InvalidArgumentError}
 *   when `transform` returns a wrong array.
 */
export async function runEpochBatches(run: TrainRun): Promise<EpochRun> {
  const { options, setup, position } = run;
  const { epoch } = position;
  const { n } = setup.info;
  const order =
    options.shuffle === false
      ? Int32Array.from({ length: n }, (_, i) => i)
      : permutation(n, setup.rng.fork('shuffle').fork(epoch));
  const t0 = performance.now();
  let trained = 0;
  for (let b = position.batch; b < setup.numBatches; b++) {
    if (options.signal?.aborted) {
      await saveCheckpoint(run, epoch, b);
      return { aborted: true };
    }
    const indices = order.subarray(b * setup.batchSize, Math.min((b + 1) * setup.batchSize, n));
    trained += await runBatch(run, b, indices);
    if (setup.every > 0 && position.step % setup.every === 0) {
      await saveCheckpoint(run, epoch, b + 1);
    }
    await yieldToEventLoop();
  }
  return { aborted: false, trained, seconds: (performance.now() - t0) / 1000 };
}

/** Runs batch `b` (rows `indices`) of the epoch in progress; returns its size. */
async function runBatch(run: TrainRun, b: number, indices: Int32Array): Promise<number> {
  const { data, options, setup, position } = run;
  const { epoch, totals } = position;
  const { rowSize } = setup.info;
  const size = indices.length;
  let xs = gatherRows(data.x, rowSize, indices);
  if (options.transform) {
    xs = options.transform(xs, { epoch, batch: b, step: position.step, indices });
    if (!(xs instanceof Float32Array) || xs.length !== size * rowSize) {
      throw new InvalidArgumentError(
        'transform',
        `must return a Float32Array of ${size * rowSize} values`,
      );
    }
  }
  const labels = setup.conditional ? gatherLabels(data.labels, indices) : undefined;
  const s = position.step;
  const values = await run.engine.step({
    x: xs,
    labels,
    size,
    step: s,
    epsSeed: setup.rng.fork('eps').fork(s).seed,
  });
  if (!values.every(Number.isFinite)) {
    throw new NonFiniteError(
      `loss at epoch ${epoch}, batch ${b}, step ${s}`,
      `loss ${values[0]}, recon ${values[1]}, kl ${values[2]}`,
    );
  }
  const [loss, recon, kl] = values;
  totals.count += size;
  totals.loss += size * loss;
  totals.recon += size * recon;
  totals.kl += size * kl;
  const vq = values.vq;
  if (vq) totals.vq = addVqTotals(totals.vq, vq, size);
  position.step++;
  options.onBatch?.({
    epoch,
    batch: b,
    step: s,
    size,
    loss,
    recon,
    kl,
    klWeight: setup.objective.klWeight(s),
    capacity: setup.objective.capacity(s),
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
  return size;
}

/**
 * Ends the epoch in progress after its batches: its report (with validation, on the synced
 * model), added to `result`, then `onEpoch` and the epoch-end checkpoint (of fresh totals).
 */
export async function finishEpoch(
  run: TrainRun,
  batches: { trained: number; seconds: number },
  result: TrainResult,
): Promise<void> {
  const { model, options, setup, position } = run;
  const { epoch, totals } = position;
  const { trained, seconds } = batches;
  const count = Math.max(totals.count, 1);
  const report: EpochReport = {
    epoch,
    steps: position.step,
    loss: totals.loss / count,
    recon: totals.recon / count,
    kl: totals.kl / count,
    seconds,
    samplesPerSecond: seconds > 0 ? trained / seconds : 0,
  };
  if (totals.vq && model.vq) {
    report.vq = vqEpochReport(totals.vq, totals.count, model.vq.numQuantizers);
  }
  await run.engine.syncModel();
  if (options.validation) {
    report.validation = evaluateElbo(model, options.validation, {
      batchSize: options.validationBatchSize ?? 500,
      seed: setup.rng.fork('validation'),
    });
  }
  position.totals = emptyTotals();
  result.epochs.push(report);
  result.steps = position.step;
  await options.onEpoch?.(report);
  await saveCheckpoint(run, epoch + 1, 0);
}
