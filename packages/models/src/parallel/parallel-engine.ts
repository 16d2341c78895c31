// Node only (worker_threads): reached through `@latentkit/models/node`, never the main entry.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requireKnownOptions, WorkerError } from '@latentkit/core';
import {
  type BackendName,
  InvalidArgumentError,
  type OptimizerState,
  ShapeError,
  type TensorRecord,
  tf,
} from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import { type FusedAdamOptions, resolveAdamHyper } from '../training/fused-adam.js';
import type {
  EngineContext,
  EngineState,
  StepEngine,
  StepValues,
  TrainEngine,
} from '../training/train-engine.js';
import type { WorkerInit } from './parallel-worker.js';
import {
  COMMAND,
  CTRL,
  RESULT_SLOTS,
  type SharedLayout,
  shardRows,
  sharedLayout,
} from './shared-layout.js';

/** Options of {@link parallelEngine}. */
export interface ParallelEngineOptions {
  /** Worker threads (each with its own tfjs backend). Default: `os.availableParallelism()`. */
  workers?: number;
  /** Adam's β1, β2, ε (the learning rate is `train`'s `lr`). Defaults 0.9, 0.999, 1e-8. */
  adam?: Omit<FusedAdamOptions, 'lr'>;
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
}

type Message = { type: 'ready' | 'error' | 'fatal'; name?: string; message?: string };
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: boolean; value: Promise<string> | string };

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
 * `Atomics.wait`/`notify` barriers; the calling thread only stages batches and waits
 * (asynchronously).
 *
 * Results: deterministic for a given worker count (same seed → the same numbers, bit for bit);
 * with one worker they equal the local engine's; with W workers they equal it to float32
 * rounding (the batch mean is taken as a weighted sum of shard means, and gradients are summed
 * in a different order). Checkpoints use `adam()`'s state format, so a run may be resumed with
 * another engine or worker count (exact only with the same engine and count).
 *
 * Function-valued options cannot cross threads, but none needs to: `transform`, callbacks and
 * validation run on the calling thread. Not supported: an `optimizer` object (Adam with
 * `lr` and {@link ParallelEngineOptions.adam} is used), a VQ-VAE (kind `'vqvae'`: its codebook
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
 * import { parallelEngine } from '@latentkit/models/node';
 * await train(model, mnist, { epochs: 10, engine: parallelEngine({ workers: 2 }) });
 * ```
 */
export function parallelEngine(options: ParallelEngineOptions = {}): ParallelEngine {
  requireKnownOptions(options, ['workers', 'adam'], 'parallelEngine options');
  const workers = checkInt(options.workers ?? availableParallelism(), 'workers', 1, 256);
  const { lr: _, ...betas } = resolveAdamHyper({ ...options.adam, lr: 0 });
  let live = 0;
  let tensors: number[] = [];
  const factory = async (context: EngineContext): Promise<StepEngine> => {
    if (context.optimizer) {
      throw new InvalidArgumentError(
        'optimizer',
        'parallelEngine runs its own Adam in shared memory; give lr (and parallelEngine({ adam })) instead of an Optimizer object',
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
    const L = sharedLayout(
      Object.entries(vars).map(([name, v]) => [name, v.shape] as const),
      workers,
      model.inputShape,
      context.batchSize,
    );
    const pages = L.bytes / 65536;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    return startEngine(context, L, memory, betas, {
      onLive: (d) => {
        live += d;
      },
      onTensors: (t) => {
        tensors = t;
      },
    });
  };
  return Object.assign(factory, {
    liveThreads: () => live,
    workerTensors: () => [...tensors],
  });
}

async function startEngine(
  context: EngineContext,
  L: SharedLayout,
  memory: WebAssembly.Memory,
  betas: WorkerInit['adam'],
  hooks: { onLive(delta: number): void; onTensors(t: number[]): void },
): Promise<StepEngine> {
  const { model } = context;
  const buf = memory.buffer;
  const ctrl = new Int32Array(buf, L.ctrl, 64);
  const results = new Float64Array(buf, L.results, RESULT_SLOTS * L.workers + 1);
  const steps = new Int32Array(buf, L.steps, L.params.length);
  const hasGrad = new Int32Array(buf, L.hasGrad, L.params.length * L.workers);
  const f32 = (at: number, n: number): Float32Array => new Float32Array(buf, at, n);
  const P = f32(L.params0, L.total);
  const M = f32(L.m, L.total);
  const V = f32(L.v, L.total);
  const X = f32(L.x, L.batchSize * L.rowSize);
  const labels = new Int32Array(buf, L.labels, L.batchSize);
  const LR = RESULT_SLOTS * L.workers;
  results[LR] = context.lr;

  const writeParams = (record: Record<string, TensorRecord>): void => {
    for (const p of L.params) P.set(record[p.name]!.data, p.offset);
  };
  writeParams(model.store.toRecord());

  // Failures reported by workers, and a promise that rejects on the first one.
  const reported: WorkerError[] = [];
  let fail: (e: WorkerError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  const entry = workerEntry();
  const threads: Worker[] = [];
  const exited: Promise<void>[] = [];
  let stopping = false;
  const ready: Promise<void>[] = [];
  const backend = tf.getBackend() as BackendName;
  for (let k = 0; k < L.workers; k++) {
    const init: WorkerInit = {
      index: k,
      memory,
      layout: L,
      config: model.config,
      objective: context.objectiveOptions,
      adam: betas,
      backend,
    };
    const w = new Worker(entry.file, { workerData: init, eval: entry.eval });
    hooks.onLive(1);
    threads.push(w);
    exited.push(
      new Promise((resolve) =>
        w.once('exit', (code) => {
          hooks.onLive(-1);
          if (!stopping)
            fail(
              new WorkerError(
                k,
                `exited unexpectedly (code ${code})`,
                undefined,
                'training worker',
              ),
            );
          resolve();
        }),
      ),
    );
    w.on('error', (e) =>
      fail(new WorkerError(k, `${e.name}: ${e.message}`, e.name, 'training worker')),
    );
    ready.push(
      new Promise((resolve) => {
        w.on('message', (m: Message) => {
          if (m.type === 'ready') resolve();
          else {
            const err = new WorkerError(k, `${m.name}: ${m.message}`, m.name, 'training worker');
            reported.push(err);
            fail(err);
          }
        });
      }),
    );
  }

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    Atomics.store(ctrl, CTRL.command, COMMAND.stop);
    Atomics.add(ctrl, CTRL.go, 1);
    Atomics.notify(ctrl, CTRL.go);
    const timeout = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
    await Promise.race([Promise.all(exited), timeout(5000)]);
    await Promise.all(threads.map((w) => w.terminate()));
    hooks.onTensors(Array.from(ctrl.subarray(CTRL.tensors, CTRL.tensors + L.workers)));
  };

  try {
    await Promise.race([Promise.all(ready), failed]);
  } catch (error) {
    await stop();
    throw error;
  }

  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  const waitDone = async (target: number): Promise<void> => {
    for (;;) {
      const current = Atomics.load(ctrl, CTRL.done);
      if (current >= target) return;
      const r = waitAsync(ctrl, CTRL.done, current);
      if (r.async) await Promise.race([r.value, failed]);
    }
  };

  const exportOptimizer = (): OptimizerState => {
    const params: OptimizerState['params'] = {};
    L.params.forEach((p, i) => {
      if (steps[i]! === 0) return;
      const rec = (a: Float32Array): TensorRecord => ({
        shape: [...p.shape],
        dtype: 'float32',
        data: a.slice(p.offset, p.offset + p.size),
      });
      params[p.name] = { step: steps[i]!, slots: { m: rec(M), v: rec(V) } };
    });
    return { kind: 'adam', learningRate: results[LR]!, params };
  };
  const exportParams = (): Record<string, TensorRecord> => {
    const out: Record<string, TensorRecord> = {};
    for (const p of L.params) {
      out[p.name] = {
        shape: [...p.shape],
        dtype: 'float32',
        data: P.slice(p.offset, p.offset + p.size),
      };
    }
    return out;
  };

  return {
    async step(batch): Promise<StepValues> {
      if (stopping)
        throw new WorkerError(-1, 'the engine has been stopped', undefined, 'training worker');
      X.set(batch.x);
      if (batch.labels) labels.set(batch.labels);
      const active = Math.min(L.workers, batch.size);
      Atomics.store(ctrl, CTRL.size, batch.size);
      Atomics.store(ctrl, CTRL.step, batch.step);
      Atomics.store(ctrl, CTRL.epsSeed, batch.epsSeed | 0);
      Atomics.store(ctrl, CTRL.active, active);
      Atomics.store(ctrl, CTRL.command, COMMAND.step);
      const target = Atomics.load(ctrl, CTRL.done) + L.workers;
      Atomics.add(ctrl, CTRL.go, 1);
      Atomics.notify(ctrl, CTRL.go);
      await waitDone(target);
      hooks.onTensors(Array.from(ctrl.subarray(CTRL.tensors, CTRL.tensors + L.workers)));
      const values = [0, 0, 0];
      let finite = true;
      for (let k = 0; k < active; k++) {
        const at = k * RESULT_SLOTS;
        if (results[at + 3] !== 1) {
          // The worker posted its error before the barrier; let the message arrive.
          await Promise.race([failed, new Promise((r) => setTimeout(r, 1000))]).catch(() => {});
          throw reported[0] ?? new WorkerError(k, 'the step failed', undefined, 'training worker');
        }
        const [lo, hi] = shardRows(k, active, batch.size);
        for (let j = 0; j < 3; j++) {
          finite &&= Number.isFinite(results[at + j]!);
          values[j]! += ((hi - lo) / batch.size) * results[at + j]!;
        }
      }
      if (active === 1) for (let j = 0; j < 3; j++) values[j] = results[j]!;
      // The workers applied the update iff every value was finite; count it the same way.
      if (finite) for (let i = 0; i < L.params.length; i++) steps[i]! += hasGrad[i]!;
      return values as unknown as StepValues;
    },
    exportState: (): EngineState => ({ params: exportParams(), optimizer: exportOptimizer() }),
    importState(state) {
      // The store checks names and shapes (strictly) before anything changes.
      model.store.loadRecord(state.params);
      const opt = state.optimizer;
      if (opt.kind !== 'adam') {
        throw new InvalidArgumentError(
          'checkpoint.optimizer',
          `is '${opt.kind}' state; parallelEngine runs Adam`,
        );
      }
      for (const [name, s] of Object.entries(opt.params)) {
        const p = L.params.find((q) => q.name === name);
        if (!p) throw new InvalidArgumentError('checkpoint.optimizer', `unknown '${name}'`);
        for (const key of ['m', 'v']) {
          const rec = s.slots[key];
          if (!rec || rec.data.length !== p.size) {
            throw new ShapeError(`optimizer slot ${name}.${key} does not fit`, p.shape);
          }
        }
      }
      writeParams(state.params);
      M.fill(0);
      V.fill(0);
      L.params.forEach((p, i) => {
        const s = opt.params[p.name];
        steps[i] = s?.step ?? 0;
        if (s) {
          M.set(s.slots.m!.data, p.offset);
          V.set(s.slots.v!.data, p.offset);
        }
      });
      results[LR] = checkNumber(
        opt.learningRate,
        'checkpoint.optimizer.learningRate',
        'nonNegative',
      );
    },
    syncModel() {
      model.store.loadRecord(exportParams());
    },
    dispose: stop,
  };
}
