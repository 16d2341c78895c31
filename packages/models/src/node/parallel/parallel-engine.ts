// Node only (worker_threads): reached through `@latentkit/models/node`, never the main entry.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requireKnownOptions, WorkerError } from '@latentkit/core';
import { type AdamOptions, type BackendName, InvalidArgumentError, tf } from '@latentkit/tensor';
import { resolveAdamHyper } from '@latentkit/tensor/internal';
import { checkInt } from '../../internal/check.js';
import { denseVaePlan } from '../../training/dense-step/dense-vae-plan.js';
import { denseVaeScratchBytes } from '../../training/dense-step/dense-vae-step.js';
import type {
  EngineContext,
  EngineState,
  StepBatch,
  StepEngine,
  StepValues,
  TrainEngine,
} from '../../training/train-engine.js';
import { createJobQueue, stagesRows, waitDone } from './job-queue.js';
import type { WorkerInit } from './parallel-worker.js';
import {
  CTRL,
  PHASE,
  PHASE_SLOTS,
  resultAt,
  type SharedLayout,
  shardRows,
  sharedLayout,
} from './shared-layout.js';
import {
  readOptimizer,
  readParams,
  type SharedViews,
  sharedViews,
  writeData,
  writeParams,
  writeState,
} from './shared-state.js';
import { startWorkerThreads, type ThreadHooks, type WorkerThreads } from './worker-threads.js';

/** Options of {@link createParallelEngine}. */
export interface ParallelEngineOptions {
  /** Worker threads (each with its own tfjs backend). Default: `os.availableParallelism()`. */
  workers?: number;
  /** Adam's β1, β2, ε (the learning rate is `train`'s `learningRate`). Defaults 0.9, 0.999, 1e-8. */
  adam?: Pick<AdamOptions, 'beta1' | 'beta2' | 'eps'>;
  /**
   * Compute the next batch's forward and backward passes while the calling thread handles this
   * step's values and the training loop's hooks (its update is applied only once `train` asks
   * for that batch). The numbers are the same either way; off, the workers wait for the calling
   * thread between steps. Default true.
   */
  pipeline?: boolean;
  /**
   * Run the workers' forward and backward passes without tfjs where the step covers the model:
   * unconditional MLP VAEs and autoencoders with ReLU layers and a Bernoulli likelihood, trained
   * without free bits or capacity annealing. The same SIMD kernels are called directly on the
   * shared memory, so parameters are read and gradients written in place; the numbers are those
   * of the tfjs path bit for bit. Other models always take the tfjs path. Default true (false is
   * for comparisons).
   */
  tapeFree?: boolean;
}

/**
 * Where one worker's time went during the last `train` of a {@link ParallelEngine}: totals in
 * milliseconds (wall clock, `performance.now` in the worker) and the jobs they cover. Divide by
 * `jobs` for the mean per step.
 */
export interface WorkerPhases {
  /** Jobs (batches) the worker ran, including jobs computed ahead and then dropped. */
  jobs: number;
  /** Forward and backward passes of its rows: parameters in, loss and gradients out. */
  computeMs: number;
  /** Waiting at the barrier for the other workers' passes (imbalance). */
  barrierMs: number;
  /** Waiting for the calling thread to ask for a batch computed ahead. */
  decisionMs: number;
  /** Summing the workers' gradients and Adam on its slice, with the barrier after it. */
  updateMs: number;
  /** Waiting for the next batch to be staged (the calling thread between steps). */
  idleMs: number;
  /** Whether the worker ran its passes without tfjs (see {@link ParallelEngineOptions.tapeFree}). */
  tapeFree: boolean;
}

/** A {@link TrainEngine} made by {@link parallelEngine}, with a view of its threads. */
export interface ParallelEngine extends TrainEngine {
  /** Number of worker threads of this engine still running (0 once `train` has returned). */
  liveThreads(): number;
  /**
   * `tf.memory().numTensors` of each worker after its last step (after its model was freed,
   * once stopped) — constant from step to step when nothing leaks.
   */
  workerTensors(): number[];
  /**
   * Steps of the last `train` whose batch the workers had computed ahead ({@link
   * ParallelEngineOptions.pipeline}); the rest were computed when asked for (the first step of
   * each epoch, batches announced wrongly, or every step without the pipeline).
   */
  stepsComputedAhead(): number;
  /** Each worker's {@link WorkerPhases} of the last `train` (empty before the first). */
  workerPhases(): WorkerPhases[];
}

/**
 * The worker script next to this module: the built `parallel-worker.js` / `.cjs` beside the
 * built code, or from source (tests, `tsx`) the `.ts` file loaded through tsx's ESM hooks.
 */
function workerEntry(): { file: string; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const file = join(dirname(here), `parallel-worker${ext}`);
  if (ext !== '.ts') return { file, eval: false };
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.c?js$/, '.mjs');
  const source =
    `import(${JSON.stringify(pathToFileURL(api).href)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })` +
    `.catch((e) => { require('node:worker_threads').parentPort.postMessage(` +
    `{ type: 'fatal', name: e.name, message: e.message }); });`;
  return { file: source, eval: true };
}

/**
 * A data-parallel {@link TrainEngine} for `train` (Node only): `workers` threads, each with its
 * own tfjs backend (the backend active on the calling thread) and a replica of the model built
 * from its JSON config. Per step, worker k takes rows `[⌊k·n/W⌋, ⌊(k+1)·n/W⌋)` of the batch,
 * computes the loss and gradients of its rows (ε: the matching rows of the batch's draw), and
 * weights them by its share of the batch; the gradients are summed in worker order 0, 1, …
 * in a shared WebAssembly memory and one Adam update (bit-identical to `adam()` for a given
 * gradient) runs over the flat parameter vector, split between the workers. Threads meet at
 * `Atomics.wait`/`notify` barriers. Training data up to 256 MiB (`train` without a `transform`)
 * is copied once into the shared memory and each worker reads and scales its own rows, so per
 * step the calling thread only writes the batch's row indices (otherwise it stages the batch),
 * then sleeps in `Atomics.wait` until the workers are done (after 250 ms it waits asynchronously,
 * so that a failed worker is noticed). With `pipeline` (the default) it also stages the batch that
 * `train` announces next ({@link StepBatch.next}), so the workers go on to its forward and
 * backward passes while the calling thread checks this step's values and runs the hooks; that
 * batch's update is applied only when `train` asks for it (an abort, a non-finite value or the end
 * of the run drops it), so the numbers are those of an engine without the pipeline.
 *
 * Results: deterministic for a given worker count (same seed → the same numbers, bit for bit);
 * with one worker they equal the local engine's; with W workers they equal it to float32
 * rounding (the batch mean is taken as a weighted sum of shard means, and gradients are summed
 * in a different order). Checkpoints use `adam()`'s state format, so a run may be resumed with
 * another engine or worker count (exact only with the same engine and count).
 *
 * Function-valued options cannot cross threads, but none needs to: `transform`, callbacks and
 * validation run on the calling thread. Not supported: an `optimizer` object (Adam with
 * `learningRate` and {@link ParallelEngineOptions.adam} is used), a VQ-VAE (kind `'vqvae'`: its codebook
 * state is updated from the whole batch after each step), and with more than one worker the
 * objectives that depend on batch means of the KL (`freeBits`, `capacity`).
 *
 * @param options - See {@link ParallelEngineOptions}.
 * @returns The engine; pass it as `train(model, data, { engine })`.
 * @throws {@link UnknownOptionError} / {@link InvalidArgumentError} for bad options (at once),
 *   and from `train` for an `optimizer`, a VQ-VAE or a non-decomposable objective.
 * @throws {@link WorkerError} (from `train`) when a worker fails.
 *
 * @example
 * ```ts
 * import { createParallelEngine } from '@latentkit/models/node';
 * import { train } from '@latentkit/models';
 * await train(model, mnist, { epochs: 10, engine: createParallelEngine({ workers: 2 }) });
 * ```
 */
export function createParallelEngine(options: ParallelEngineOptions = {}): ParallelEngine {
  requireKnownOptions(
    options,
    ['workers', 'adam', 'pipeline', 'tapeFree'],
    'createParallelEngine options',
  );
  const pipeline = options.pipeline ?? true;
  const tapeFree = options.tapeFree ?? true;
  for (const [name, value] of [
    ['pipeline', pipeline],
    ['tapeFree', tapeFree],
  ] as const) {
    if (typeof value !== 'boolean') {
      throw new InvalidArgumentError(name, `must be a boolean, got ${String(value)}`);
    }
  }
  const workers = checkInt(options.workers ?? availableParallelism(), 'workers', 1, 256);
  const adamOptions = options.adam ?? {};
  requireKnownOptions(adamOptions, ['beta1', 'beta2', 'eps'], 'createParallelEngine adam options');
  const { lr: _, ...betas } = resolveAdamHyper(
    { ...adamOptions, learningRate: 0 },
    'createParallelEngine adam options',
  );
  let live = 0;
  let tensors: number[] = [];
  let ahead = 0;
  let phases: Float64Array | undefined;
  const factory = async (context: EngineContext): Promise<StepEngine> => {
    if (context.optimizer) {
      throw new InvalidArgumentError(
        'optimizer',
        'parallelEngine runs its own Adam in shared memory; give learningRate (and createParallelEngine({ adam })) instead of an Optimizer object',
      );
    }
    if (context.model.kind === 'vqvae') {
      throw new InvalidArgumentError(
        'model',
        "parallelEngine does not train a VQ-VAE: its codebook EMA state, k-means initialization and dead-code restarts are updated from the whole batch's encoder outputs after each step, which the workers do not share; use the local engine",
      );
    }
    const o = context.objective.options;
    if (workers > 1 && (o.freeBits !== undefined || o.capacity !== undefined)) {
      throw new InvalidArgumentError(
        'objective',
        'free bits and capacity annealing depend on batch means of the KL and cannot be split over workers; use one worker or the local engine',
      );
    }
    const { model } = context;
    const vars = model.store.variables(true);
    const data = sharedData(context);
    const shapes = Object.entries(vars).map(([name, v]) => [name, v.shape] as const);
    // Scratch space for the workers' tape-free step, when it covers the model (dense-vae-plan.ts).
    const plan = tapeFree ? denseVaePlan(model.config, o, new Map(shapes)) : undefined;
    const rows = Math.ceil(context.batchSize / workers);
    const L = sharedLayout(
      shapes,
      workers,
      model.inputShape,
      context.batchSize,
      data && { type: data.x instanceof Uint8Array ? 'uint8' : 'float32', rows: data.n },
      plan ? denseVaeScratchBytes(plan, rows) : 0,
    );
    const pages = L.bytes / 65536;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    if (data) writeData(memory, L, data.x);
    phases = new Float64Array(memory.buffer, L.phases, PHASE_SLOTS * workers);
    return startEngine(context, L, memory, betas, pipeline, {
      onLive: (d) => {
        live += d;
      },
      onTensors: (t) => {
        tensors = t;
      },
      onAhead: (n) => {
        ahead = n;
      },
    });
  };
  return Object.assign(factory, {
    liveThreads: () => live,
    workerTensors: () => [...tensors],
    stepsComputedAhead: () => ahead,
    workerPhases: () => (phases ? readPhases(phases, workers) : []),
  });
}

/** The phase block's running sums as {@link WorkerPhases}, one per worker. */
function readPhases(block: Float64Array, workers: number): WorkerPhases[] {
  return Array.from({ length: workers }, (_, k) => {
    const at = (phase: number) => block[k * PHASE_SLOTS + phase]!;
    return {
      jobs: at(PHASE.jobs),
      computeMs: at(PHASE.compute),
      barrierMs: at(PHASE.barrier),
      decisionMs: at(PHASE.decision),
      updateMs: at(PHASE.update),
      idleMs: at(PHASE.idle),
      tapeFree: at(PHASE.tapeFree) === 1,
    };
  });
}

/** Training data up to this size is placed in shared memory, so the workers read their rows. */
const SHARED_DATA_BYTES = 2 ** 28;

/**
 * The context's training data if it is placed in shared memory: the workers then gather and
 * scale their own rows (in parallel, straight into their backends), and the calling thread only
 * writes the batch's row indices, instead of gathering the batch and copying it every step.
 */
function sharedData(context: EngineContext): EngineContext['data'] {
  const data = context.data;
  return data && data.x.byteLength <= SHARED_DATA_BYTES ? data : undefined;
}

/** Starts the workers on `memory` (holding the model's parameters) and wires the engine to them. */
async function startEngine(
  context: EngineContext,
  L: SharedLayout,
  memory: WebAssembly.Memory,
  betas: WorkerInit['adam'],
  pipeline: boolean,
  hooks: ThreadHooks & { onAhead(steps: number): void },
): Promise<StepEngine> {
  const { model } = context;
  const shared = sharedViews(memory, L);
  shared.results[shared.lr] = context.learningRate;
  writeParams(shared, model.store.toRecord());
  const entry = workerEntry();
  const backend = tf.getBackend() as BackendName;
  const inits = Array.from(
    { length: L.workers },
    (_, k): WorkerInit => ({
      index: k,
      memory,
      layout: L,
      config: model.config,
      objective: context.objectiveOptions,
      adam: betas,
      backend,
    }),
  );
  const threads = await startWorkerThreads(entry, inits, shared.ctrl, hooks);
  const jobs = createJobQueue(shared, threads);
  let ahead = 0;
  hooks.onAhead(0);
  return {
    async step(batch) {
      if (threads.stopping)
        throw new WorkerError(-1, 'the engine has been stopped', undefined, 'training worker');
      const job = await jobs.take(batch);
      if (job.ahead) hooks.onAhead(++ahead);
      // Staged now, the next batch's forward and backward passes run while this thread checks
      // this step's values and runs the loop's hooks; its update waits for `take`.
      if (pipeline && batch.next && stagesRows(L, batch.next)) jobs.ahead(batch.next);
      await waitDone(shared.ctrl, job.job * L.workers, threads.failed);
      hooks.onTensors(Array.from(shared.ctrl.subarray(CTRL.tensors, CTRL.tensors + L.workers)));
      return readValues(shared, threads, job.job, batch.size);
    },
    exportState: (): EngineState => ({
      params: readParams(shared),
      optimizer: readOptimizer(shared),
    }),
    async importState(state) {
      await jobs.drop();
      writeState(shared, model, state);
    },
    syncModel() {
      model.store.loadRecord(readParams(shared));
    },
    dispose: threads.stop,
  };
}

/**
 * The values of a finished job: the batch means (weighted by shard size).
 *
 * @throws {@link WorkerError} when a worker failed.
 */
async function readValues(
  shared: SharedViews,
  threads: WorkerThreads,
  job: number,
  size: number,
): Promise<StepValues> {
  const { layout: L, results } = shared;
  const active = Math.min(L.workers, size);
  const values = [0, 0, 0];
  for (let k = 0; k < active; k++) {
    const at = resultAt(job % 2, k, L.workers);
    if (results[at + 3] !== 1) {
      // The worker posted its error before the barrier; let the message arrive.
      await Promise.race([threads.failed, new Promise((r) => setTimeout(r, 1000))]).catch(() => {});
      throw (
        threads.reported[0] ?? new WorkerError(k, 'the step failed', undefined, 'training worker')
      );
    }
    const [lo, hi] = shardRows(k, active, size);
    for (let j = 0; j < 3; j++) values[j]! += ((hi - lo) / size) * results[at + j]!;
  }
  if (active === 1)
    for (let j = 0; j < 3; j++) values[j] = results[resultAt(job % 2, 0, L.workers) + j]!;
  return values as unknown as StepValues;
}

/** @deprecated Use {@link createParallelEngine} (factories are `createX` across latentkit). */
export const parallelEngine: typeof createParallelEngine = createParallelEngine;
