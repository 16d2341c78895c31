import { requireKnownOptions } from '@latentkit/core';
import {
  createAdam,
  createRng,
  InvalidArgumentError,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';
import { createLocalDenseStep, type LocalDenseStep } from './dense-step/local-dense-step.js';
import type { EngineContext, StepEngine, TrainEngine, VqStepValues } from './train-engine.js';

/** Options of {@link createLocalEngine}. */
export interface LocalEngineOptions {
  /**
   * Step the models it covers without tfjs's tape (see {@link createLocalEngine}); the numbers
   * are the same either way. Default true (false is for comparisons).
   */
  tapeFree?: boolean;
}

/**
 * An engine that runs every step on the calling thread inside `tf.tidy` inside `tf.tidy`, with the given
 * optimizer or else `createAdam({ learningRate })` from @latentkit/tensor (one fused WebAssembly
 * pass per step). One synchronous read per step (the values, then the gradients).
 *
 * On the wasm backend, an unconditional MLP VAE or autoencoder with ReLU layers and a Bernoulli
 * likelihood (no free bits or capacity annealing) is stepped without tfjs's tape (unless
 * `tapeFree` is false): latentkit's SIMD kernels are called directly on the backend's heap,
 * giving the tape's numbers bit for bit without ~85 tfjs kernel dispatches per step.
 *
 * A VQ-VAE (`model.vq`) also gets, with generators forked from the step's `epsSeed` (so they
 * depend on `(seed, step)` only and a resumed run repeats them): the k-means initialization of
 * its codebook on the first batch while `model.vq.needsInitialization()` (fork `'kmeans'`), and
 * after each optimizer update the quantizer's EMA step and dead-code restarts on the batch's
 * encoder outputs and codes (fork `'restart'`) — never for a step whose values are not finite.
 *
 * @param options - See {@link LocalEngineOptions}.
 * @throws {@link UnknownOptionError} for an unknown option key; {@link InvalidArgumentError} for
 *   a `tapeFree` that is not a boolean.
 *
 * @example
 * ```ts
 * import { createLocalEngine, train } from '@latentkit/models';
 *
 * // The tfjs path, to compare its speed with the default's.
 * await train(model, data, { epochs: 1, seed: 1, engine: createLocalEngine({ tapeFree: false }) });
 * ```
 */
export function createLocalEngine(options: LocalEngineOptions = {}): TrainEngine {
  requireKnownOptions(options, ['tapeFree'], 'createLocalEngine options');
  const tapeFree = options.tapeFree ?? true;
  if (typeof tapeFree !== 'boolean') {
    throw new InvalidArgumentError('tapeFree', `must be a boolean, got ${String(tapeFree)}`);
  }
  return (context) => localStepEngine(context, tapeFree);
}

/**
 * The default engine, `createLocalEngine()`: every step on the calling thread.
 *
 * @example
 * ```ts
 * import { localEngine, train } from '@latentkit/models';
 *
 * await train(model, data, { epochs: 10, seed: 1, engine: localEngine }); // the default, spelt out
 * ```
 */
export const localEngine: TrainEngine = createLocalEngine();

function localStepEngine(context: EngineContext, tapeFree: boolean): StepEngine {
  const { model, objective } = context;
  const store = model.store;
  const optimizer = context.optimizer ?? createAdam({ learningRate: context.learningRate });
  // The tape-free step where it covers the model, else false (decided at the first step, when
  // the backend is known).
  let dense: LocalDenseStep | false | undefined;
  return {
    step(batch) {
      dense ??=
        (tapeFree &&
          createLocalDenseStep(
            model,
            objective,
            context.objectiveOptions,
            optimizer,
            context.batchSize,
          )) ??
        false;
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
}
