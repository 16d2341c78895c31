import { Worker } from 'node:worker_threads';
import { WorkerError } from '../errors/worker-error.js';
import { requireKnownOptions } from '../validation/require-known-options.js';

/** The messages a pool worker may post besides its own protocol (see {@link startWorkerPool}). */
export type WorkerPoolMessage =
  | { type: 'ready' }
  | { type: 'error' | 'fatal'; name?: string; message?: string };

/** Options of {@link startWorkerPool}. */
export interface WorkerPoolOptions<Init> {
  /** The worker script: a file (path or URL), or its source code with `eval: true`. */
  entry: { file: string | URL; eval?: boolean };
  /** One `workerData` per worker: the pool starts `inits.length` threads. */
  inits: readonly Init[];
  /** What the workers are, for error messages (e.g. `'training worker'`). */
  role: string;
  /**
   * When a worker counts as started: `'online'` (its thread runs) or `'message'` (it posted
   * `{ type: 'ready' }`). Default `'online'`.
   */
  readyWhen?: 'online' | 'message';
  /** `unref` the threads so that they do not keep the process alive. Default `false`. */
  unref?: boolean;
  /** Called when a thread starts (+1) and when it exits (−1). */
  onLive?: (delta: number) => void;
  /** Every message that is not `{ type: 'ready' | 'error' | 'fatal' }`, with its worker index. */
  onMessage?: (index: number, message: unknown) => void;
}

/** Options of {@link WorkerPool.stop}. */
export interface WorkerPoolStopOptions {
  /** Tells the workers to finish (e.g. a command in shared memory); called once, first. */
  signalStop?: () => void;
  /** How long to wait for the threads to exit before terminating them, ms. Default 5000. */
  graceMs?: number;
}

/** Running worker threads started by {@link startWorkerPool}. */
export interface WorkerPool {
  /** The threads, in the order of `inits`. */
  readonly workers: readonly Worker[];
  /**
   * Rejects with a {@link WorkerError} at the first failure of any thread — an `error` event, an
   * exit that `stop` did not ask for, or a posted `{ type: 'error' | 'fatal' }` — and never
   * resolves. Race it against the work you wait for.
   */
  readonly failed: Promise<never>;
  /** The errors the workers posted, in arrival order. */
  readonly reported: readonly WorkerError[];
  /** Whether `stop` has been called. */
  readonly stopping: boolean;
  /**
   * Stops the pool: calls `signalStop`, waits up to `graceMs` for the threads to exit, then
   * terminates the rest. Resolves when no thread is left; does nothing after the first call.
   */
  stop(options?: WorkerPoolStopOptions): Promise<void>;
}

/**
 * Starts one worker thread per `inits` entry and waits until every one is ready — the plumbing
 * shared by latentkit's Node-only thread pools (PCA's scatter workers, the parallel training
 * engine): failures of any kind become one typed {@link WorkerError} naming the worker, and
 * `stop` leaves no thread behind. A pool worker runs until it is stopped: one that exits before
 * (even with code 0) counts as a failure.
 *
 * @param options - See {@link WorkerPoolOptions}.
 * @returns The running pool.
 * @throws {@link WorkerError} when a worker fails before it is ready (the others are stopped
 *   first, so no thread is left).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * const pool = await startWorkerPool({
 *   entry: { file: new URL('./worker.js', import.meta.url) },
 *   inits: [{ id: 0 }, { id: 1 }],
 *   role: 'sum worker',
 * });
 * pool.workers[0]?.postMessage({ rows: 100 });
 * await pool.stop();
 * ```
 */
export async function startWorkerPool<Init>(options: WorkerPoolOptions<Init>): Promise<WorkerPool> {
  requireKnownOptions(
    options,
    ['entry', 'inits', 'role', 'readyWhen', 'unref', 'onLive', 'onMessage'],
    'startWorkerPool options',
  );
  const { role, onLive, onMessage } = options;
  const readyWhen = options.readyWhen ?? 'online';
  const reported: WorkerError[] = [];
  let fail: (e: WorkerError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  const workers: Worker[] = [];
  const exited: Promise<void>[] = [];
  const ready: Promise<void>[] = [];
  let stopping = false;
  for (const [k, init] of options.inits.entries()) {
    const w = new Worker(options.entry.file, {
      workerData: init,
      eval: options.entry.eval ?? false,
    });
    onLive?.(1);
    workers.push(w);
    exited.push(
      new Promise((resolve) =>
        w.once('exit', (code) => {
          onLive?.(-1);
          if (!stopping)
            fail(new WorkerError(k, `exited unexpectedly (code ${code})`, undefined, role));
          resolve();
        }),
      ),
    );
    w.on('error', (e) => fail(new WorkerError(k, `${e.name}: ${e.message}`, e.name, role)));
    ready.push(
      new Promise((resolve) => {
        if (readyWhen === 'online') w.once('online', () => resolve());
        w.on('message', (m: unknown) => {
          const t = (m as { type?: unknown } | null)?.type;
          if (t === 'ready') resolve();
          else if (t === 'error' || t === 'fatal') {
            const { name, message } = m as { name?: string; message?: string };
            const err = new WorkerError(k, `${name ?? 'Error'}: ${message ?? ''}`, name, role);
            reported.push(err);
            fail(err);
          } else onMessage?.(k, m);
        });
      }),
    );
  }

  const stop = async (stopOptions: WorkerPoolStopOptions = {}): Promise<void> => {
    if (stopping) return;
    stopping = true;
    stopOptions.signalStop?.();
    const grace = stopOptions.graceMs ?? 5000;
    if (grace > 0) {
      const timeout = new Promise((r) => setTimeout(r, grace).unref());
      await Promise.race([Promise.all(exited), timeout]);
    }
    await Promise.all(workers.map((w) => w.terminate()));
    await Promise.all(exited);
  };

  try {
    await Promise.race([Promise.all(ready), failed]);
  } catch (error) {
    await stop({ graceMs: 0 });
    throw error;
  }
  if (options.unref) for (const w of workers) w.unref();
  return {
    workers,
    failed,
    reported,
    get stopping() {
      return stopping;
    },
    stop,
  };
}
