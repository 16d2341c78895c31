/**
 * The training demo's work in the model worker: fetches the MNIST subset (from the site's own
 * origin), builds the VAE and trains it there, off the page's main thread. The page calls
 * `train` (resolves when the run ends) and `stop` (the run ends before its next batch); while a
 * run goes on the session streams a `batch` event per step and an `epoch` event per epoch (test
 * −ELBO and the preview images, their buffers transferred).
 */
import {
  createModel,
  evaluateElbo,
  type Model,
  type ModelConfig,
  sampleModel,
  train,
} from '@latentkit/models';
import { loadMnistSubset, subsetFloats } from '../common/mnist-subset.js';
import type { EmitEvent, WorkerSession } from '../common/worker-host.js';
import { decodePoints, encodeMeans } from '../latent-explorer/latent-model.js';

/** Options the page sends when it opens the session. */
export interface TrainSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
  /** The model trained. */
  config: ModelConfig;
  /** Seed of initialization; run r shuffles and draws ε with seed `seed + 1000·r`. */
  seed: number;
  /** Examples per step. */
  batchSize: number;
}

/** The images shown under the chart: 8 prior samples and 8 test digits' reconstructions. */
export interface TrainPreviews {
  /** Prior samples (the same 8 codes every time: seed 7), `[8 × 784]` intensities. */
  samples: Float32Array;
  /** Reconstructions (decoded posterior means) of the first 8 test digits, `[8 × 784]`. */
  recons: Float32Array;
}

/** What `setup` and `reset` return. */
export interface TrainSetup extends TrainPreviews {
  /** Trainable parameters of the model. */
  numParams: number;
  /** Training rows (the subset's training digits). */
  trainCount: number;
  /** Test rows evaluated after each epoch. */
  testCount: number;
  /** The first 8 test digits, `[8 × 784]` intensities. */
  originals: Float32Array;
}

/** Arguments of `train`. */
export interface TrainRequest {
  epochs: number;
  learningRate: number;
}

/** Event `batch`: one training step done. */
export interface BatchEvent {
  /** Steps done by the model so far, this one included (over every run since the last reset). */
  steps: number;
  /** 0-based epoch of this run. */
  epoch: number;
  /** Negative ELBO of the batch, nats per image, and its two terms. */
  loss: number;
  recon: number;
  kl: number;
  /** Training images per second of wall time since the run started. */
  imagesPerSecond: number;
}

/** Event `epoch`: an epoch done, with the test −ELBO and new previews. */
export interface EpochEvent extends TrainPreviews {
  /** Steps done when the epoch ended. */
  steps: number;
  /** Negative ELBO of the test rows, nats per image (ε seed 0). */
  testNegElbo: number;
}

/** What `train` resolves with. */
export interface TrainOutcome {
  /** Whether `stop` ended the run before its last epoch. */
  aborted: boolean;
  /** Steps done by the model so far. */
  steps: number;
}

/** Number of preview images of each kind. */
export const PREVIEW_COUNT = 8;

/** Prior samples and reconstructions of `originals` (`[8 × 784]`) by `model`, new arrays. */
export function trainPreviews(model: Model, originals: Float32Array): TrainPreviews {
  const s = sampleModel(model, PREVIEW_COUNT, { seed: 7 });
  const samples = Float32Array.from(s.dataSync());
  s.dispose();
  const recons = Float32Array.from(
    decodePoints(model, encodeMeans(model, originals, PREVIEW_COUNT)),
  );
  return { samples, recons };
}

/** The training data of a session: `[n × d]` intensities, row-major. */
export interface TrainData {
  trainX: Float32Array;
  testX: Float32Array;
  /** Pixels per image. */
  rowSize: number;
}

/**
 * The session on given data (what {@link openTrainSession} serves; tested in Node). Methods:
 * `setup` ({@link TrainSetup}), `train` ({@link TrainRequest} → {@link TrainOutcome}, one run at
 * a time), `stop`, `reset` (new random weights, {@link TrainSetup}). Events: `batch`
 * ({@link BatchEvent}), `epoch` ({@link EpochEvent}).
 *
 * @throws Error from `train` when a run is already going on.
 */
export function trainSession(
  data: TrainData,
  options: Omit<TrainSessionOptions, 'assetBase'>,
  emit: EmitEvent,
): WorkerSession {
  const { config, seed, batchSize } = options;
  const { trainX, testX, rowSize } = data;
  const originals = testX.slice(0, PREVIEW_COUNT * rowSize);
  let model: Model = createModel(config, { seed });
  let steps = 0;
  let runs = 0;
  let controller: AbortController | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const describe = (): TrainSetup => ({
    numParams: model.store.numParams(),
    trainCount: trainX.length / rowSize,
    testCount: testX.length / rowSize,
    originals: originals.slice(),
    ...trainPreviews(model, originals),
  });
  const run = async ({ epochs, learningRate }: TrainRequest): Promise<TrainOutcome> => {
    if (controller) throw new Error('a training run is already going on');
    controller = new AbortController();
    runs += 1;
    const t0 = performance.now();
    const first = steps;
    try {
      const result = await train(
        model,
        { x: trainX, n: trainX.length / rowSize },
        {
          epochs,
          batchSize,
          learningRate,
          seed: seed + 1000 * runs,
          signal: controller.signal,
          onBatch: (b) => {
            steps += 1;
            const seconds = Math.max((performance.now() - t0) / 1000, 1e-3);
            const event: BatchEvent = {
              steps,
              epoch: b.epoch,
              loss: b.loss,
              recon: b.recon,
              kl: b.kl,
              imagesPerSecond: ((steps - first) * batchSize) / seconds,
            };
            emit('batch', event);
          },
          onEpoch: () => {
            const e = evaluateElbo(model, { x: testX, n: testX.length / rowSize }, { seed: 0 });
            const event: EpochEvent = {
              steps,
              testNegElbo: e.negElbo,
              ...trainPreviews(model, originals),
            };
            emit('epoch', event);
          },
        },
      );
      return { aborted: result.aborted, steps };
    } finally {
      controller = undefined;
    }
  };
  return {
    methods: {
      setup: describe,
      train: (args: never) => {
        const outcome = run(args as TrainRequest);
        running = outcome.catch(() => {});
        return outcome;
      },
      stop: () => {
        controller?.abort();
        return null;
      },
      reset: () => {
        if (controller) throw new Error('stop the training run before a reset');
        model.dispose();
        model = createModel(config, { seed });
        steps = 0;
        runs = 0;
        return describe();
      },
    },
    dispose() {
      // The run stops before its next batch; the model is freed once it has.
      controller?.abort();
      void running.then(() => model.dispose());
    },
  };
}

/** Opens the session: fetches the subset (2000 training digits, the first 500 test digits). */
export async function openTrainSession(
  options: TrainSessionOptions,
  emit: EmitEvent,
): Promise<WorkerSession> {
  const subset = await loadMnistSubset(options.assetBase);
  const data: TrainData = {
    trainX: subsetFloats(subset.train),
    testX: subsetFloats(subset.test, 0, Math.min(500, subset.test.count)),
    rowSize: subset.train.rows * subset.train.cols,
  };
  const { assetBase: _, ...rest } = options;
  return trainSession(data, rest, emit);
}
