// Node only (worker_threads). The threads of one `parallelEngine` run: started, watched for
// failures (a reported error, an `error` event, an unexpected exit) and stopped.
import { Worker } from 'node:worker_threads';
import { WorkerError } from '@latentkit/core';
import type { WorkerInit } from './parallel-worker.js';
import { COMMAND, CTRL } from './shared-layout.js';

type Message = { type: 'ready' | 'error' | 'fatal'; name?: string; message?: string };

/** What the engine learns from its threads: how many run, and their tensor counts. */
export interface ThreadHooks {
  /** A thread started (+1) or exited (−1). */
  onLive(delta: number): void;
  /** Each worker's `tf.memory().numTensors` after its last step (or after it stopped). */
  onTensors(t: number[]): void;
}

/** Running worker threads. */
export interface WorkerThreads {
  /** Rejects with the first failure of any thread; never resolves. */
  readonly failed: Promise<never>;
  /** The errors the workers reported by message, in arrival order. */
  readonly reported: readonly WorkerError[];
  /** Whether `stop` has been called. */
  readonly stopping: boolean;
  /**
   * Sends the stop command, waits up to 5 s for the threads to exit, terminates them and reports
   * their final tensor counts. Does nothing after the first call.
   */
  stop(): Promise<void>;
}

/**
 * Starts one worker thread per `inits` entry running `entry` and waits until all are ready.
 *
 * @param entry - The worker script, or (`eval`) source code that loads it.
 * @param inits - Each worker's `workerData`.
 * @param ctrl - The shared control block (the stop command goes through it).
 * @throws {@link WorkerError} when a worker fails before it is ready (all are stopped first).
 */
export async function startWorkerThreads(
  entry: { file: string; eval: boolean },
  inits: readonly WorkerInit[],
  ctrl: Int32Array,
  hooks: ThreadHooks,
): Promise<WorkerThreads> {
  // Failures reported by workers, and a promise that rejects on the first one.
  const reported: WorkerError[] = [];
  let fail: (e: WorkerError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  const threads: Worker[] = [];
  const exited: Promise<void>[] = [];
  let stopping = false;
  const ready: Promise<void>[] = [];
  for (const [k, init] of inits.entries()) {
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
    hooks.onTensors(Array.from(ctrl.subarray(CTRL.tensors, CTRL.tensors + inits.length)));
  };

  try {
    await Promise.race([Promise.all(ready), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    failed,
    reported,
    get stopping() {
      return stopping;
    },
    stop,
  };
}
