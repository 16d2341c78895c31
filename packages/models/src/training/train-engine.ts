import {
  createAdam,
  createRng,
  type Optimizer,
  type OptimizerState,
  type TensorRecord,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';
import type { Model } from '../model/model.js';
import { createLocalDenseStep, type LocalDenseStep } from './dense-step/local-dense-step.js';
import type { Objective, ObjectiveOptions } from './objective.js';

/** One training batch as `train` hands it to a {@link StepEngine}. */
export interface StepBatch {
  /** The batch values, `size × prod(inputShape)` float32, row-major (after any transform). */
  x: Float32Array;
  /** Class labels (CVAE), one per row. */
  labels: Int32Array | undefined;
  /** Rows in the batch. */
  size: number;
  /**
   * Row indices of the batch into {@link EngineContext.data} when the context has it: `x` is
   * then exactly these rows of `data.x` (uint8 values scaled by 1/255), so an engine that holds
   * the data may read the rows itself and never touch `x` (which `train` gathers only when read).
   */
  rows?: Int32Array;
  /** 0-based global optimizer step (schedules of the objective depend on it). */
  step: number;
  /**
   * Seed of this step's ε: `createRng(epsSeed)` generates the `[size, latentDim]` standard
   * normals of the batch in row order (row r of the batch always gets row r of that draw).
   */
  epsSeed: number;
  /**
   * The batch `train` hands over next (step `step + 1`), when it is known in advance: given
   * with `rows` (no `transform`), except for an epoch's last batch. Training may stop before it
   * (abort, a non-finite value, the end of the run), so an engine may start computing it but must
   * not apply its update until `step` is called with it (the parallel engine computes its
   * gradients while the calling thread handles this step's values).
   */
  next?: StepBatch;
}

/**
 * A VQ-VAE step's quantizer values (see `VqTerms`): batch means of the per-example terms, the
 * batch's code statistics, and what the EMA update did.
 */
export interface VqStepValues {
  /** Codebook term (0 for EMA codebooks and FSQ). */
  codebook: number;
  /** β·commitment term. */
  commitment: number;
  /** Batch perplexity, exp of the code histogram's entropy (nats). */
  perplexity: number;
  /** Fraction of the codes used in the batch. */
  usage: number;
  /** The batch's code histogram, `[numQuantizers·numCodes]`. */
  counts: Float32Array;
  /** Codes restarted by this step's update. */
  restarted: number;
}

/**
 * The batch means `[loss, recon, kl]` (nats per example) a step produced; for a VQ-VAE the
 * array also carries `vq` (an engine that does not set it reports no quantizer values).
 */
export type StepValues = readonly [loss: number, recon: number, kl: number] & {
  /** VQ-VAE only: the quantizer's values of this step. */
  readonly vq?: VqStepValues;
};

/** Parameters and optimizer state as plain data (what a checkpoint holds). */
export interface EngineState {
  /** Parameters by full name. */
  params: Record<string, TensorRecord>;
  /** The optimizer's state (`adam()`'s format for Adam). */
  optimizer: OptimizerState;
}

/**
 * Runs the steps of {@link train}: "compute the loss and gradients of a batch, apply the
 * update". The loop (epochs, shuffling, callbacks, validation, checkpoints, abort) stays in
 * `train`; an engine only decides *where* and *how* a step is computed.
 */
export interface StepEngine {
  /**
   * Computes the batch values and applies one optimizer update — only if all three values are
   * finite (otherwise the parameters and optimizer state stay as they were, and `train` throws
   * `NonFiniteError`).
   */
  step(batch: StepBatch): StepValues | Promise<StepValues>;
  /** The current parameters and optimizer state. */
  exportState(): EngineState | Promise<EngineState>;
  /** Replaces parameters and optimizer state (resuming from a checkpoint). */
  importState(state: EngineState): void | Promise<void>;
  /** Makes `model.store` hold the current parameters (before validation, callbacks, the end). */
  syncModel(): void | Promise<void>;
  /** Frees the engine's resources (threads, memory). Called once, also after an error. */
  dispose(): void | Promise<void>;
}

/** What `train` tells an engine factory. */
export interface EngineContext {
  /** The model being trained (its parameters are the starting point). */
  model: Model;
  /** The validated objective. */
  objective: Objective;
  /** The objective options as given to `train` (plain data). */
  objectiveOptions: ObjectiveOptions | undefined;
  /** The learning rate of the default Adam. */
  learningRate: number;
  /** @deprecated Use `learningRate` (the same value). */
  lr: number;
  /** The optimizer given to `train`, if any (not disposed by the engine). */
  optimizer: Optimizer | undefined;
  /** The run's batch size (the largest `StepBatch.size`). */
  batchSize: number;
  /**
   * The training examples that {@link StepBatch.rows} index: `n` rows of `x`, row-major, of
   * `prod(model.inputShape)` values each (uint8 values are scaled by 1/255 into the batch).
   * Given only when a batch is exactly its rows (no `transform`).
   */
  data?: {
    /** The rows, row-major: `n × prod(model.inputShape)` values. */
    x: Float32Array | Uint8Array;
    /** Number of rows. */
    n: number;
  };
}

/**
 * Creates the {@link StepEngine} of one `train` call. The default, {@link localEngine}, runs on
 * the calling thread; `createParallelEngine` from `@latentkit/models/node` runs data-parallel worker
 * threads.
 */
export type TrainEngine = (context: EngineContext) => StepEngine | Promise<StepEngine>;

/**
 * The default engine: every step on the calling thread inside `tf.tidy`, with the given
 * optimizer or else `createAdam({ learningRate })` from @latentkit/tensor (one fused WebAssembly
 * pass per step). One synchronous read per step (the values, then the gradients).
 *
 * On the wasm backend, an unconditional MLP VAE or autoencoder with ReLU layers and a Bernoulli
 * likelihood (no free bits or capacity annealing) is stepped without tfjs's tape: latentkit's
 * SIMD kernels are called directly on the backend's heap, giving the tape's numbers bit for bit
 * with about 80 fewer kernel dispatches per step.
 *
 * A VQ-VAE (`model.vq`) also gets, with generators forked from the step's `epsSeed` (so they
 * depend on `(seed, step)` only and a resumed run repeats them): the k-means initialization of
 * its codebook on the first batch while `model.vq.needsInitialization()` (fork `'kmeans'`), and
 * after each optimizer update the quantizer's EMA step and dead-code restarts on the batch's
 * encoder outputs and codes (fork `'restart'`) — never for a step whose values are not finite.
 *
 * @example
 * ```ts
 * import { localEngine, train } from '@latentkit/models';
 *
 * await train(model, data, { epochs: 10, seed: 1, engine: localEngine }); // the default, spelt out
 * ```
 */
export const localEngine: TrainEngine = (context) => {
  const { model, objective } = context;
  const store = model.store;
  const optimizer = context.optimizer ?? createAdam({ learningRate: context.learningRate });
  // The tape-free step where it covers the model, else false (decided at the first step, when
  // the backend is known).
  let dense: LocalDenseStep | false | undefined;
  return {
    step(batch) {
      dense ??=
        createLocalDenseStep(
          model,
          objective,
          context.objectiveOptions,
          optimizer,
          context.batchSize,
        ) ?? false;
      if (dense) return dense.step(batch);
      const vq = model.vq;
      let values: [number, number, number] = [0, 0, 0];
      let vqValues: VqStepValues | undefined;
      tf.tidy(() => {
        const x = tf.tensor(batch.x, [batch.size, ...model.inputShape]);
        const stepRng = createRng(batch.epsSeed);
        if (vq?.needsInitialization()) vq.initialize(x, { seed: stepRng.fork('kmeans') });
        let report: tf.Tensor | undefined;
        let kept: [latent: tf.Tensor, indices: tf.Tensor, counts: tf.Tensor] | undefined;
        const { grads } = valueAndParamGrads(store, () => {
          const terms = model.lossTerms(x, {
            labels: batch.labels,
            seed: createRng(batch.epsSeed),
          });
          const v = objective.evaluate(terms, batch.step);
          const parts: tf.Tensor[] = [v.loss, v.recon, v.kl];
          if (terms.vq) {
            const t = terms.vq;
            parts.push(t.codebook, t.commitment, t.perplexity, t.usage);
            kept = [tf.keep(t.latent), tf.keep(t.indices), tf.keep(t.counts)];
          }
          report = tf.keep(tf.stack(parts));
          return v.loss;
        });
        const all = Array.from(report!.dataSync());
        report!.dispose();
        values = [all[0]!, all[1]!, all[2]!];
        const finite = values.every(Number.isFinite);
        if (finite) optimizer.step(grads, store);
        if (kept) {
          const [latent, indices, counts] = kept;
          const update =
            finite && vq
              ? vq.update(latent, indices, { seed: stepRng.fork('restart') })
              : undefined;
          vqValues = {
            codebook: all[3]!,
            commitment: all[4]!,
            perplexity: all[5]!,
            usage: all[6]!,
            counts: Float32Array.from(counts.dataSync()),
            restarted: update?.restarted.length ?? 0,
          };
          tf.dispose(kept);
        }
      });
      return vqValues ? Object.assign(values, { vq: vqValues }) : values;
    },
    exportState: () => ({ params: store.toRecord(), optimizer: optimizer.exportState() }),
    importState(state) {
      store.loadRecord(state.params);
      optimizer.importState(state.optimizer);
    },
    syncModel() {},
    dispose() {
      if (dense) dense.dispose();
      if (!context.optimizer) optimizer.dispose();
    },
  };
};
