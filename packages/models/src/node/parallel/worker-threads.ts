// Node only. The threads of one `createParallelEngine` run: started, watched for failures (a
// reported error, an `error` event, an unexpected exit) and stopped.
import type { WorkerError } from '@latentkit/core';
import { startWorkerPool } from '@latentkit/core/node';
import type { WorkerInit } from './parallel-worker.js';
import { COMMAND, CTRL } from './shared-layout.js';

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
 * Starts one worker thread per `inits` entry running `entry` and waits until all are ready
 * (`startWorkerPool` from `@latentkit/core/node` does the thread plumbing; this adds the stop
 * command in shared memory and the workers' final tensor counts).
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
  const pool = await startWorkerPool({
    entry,
    inits,
    role: 'training worker',
    readyWhen: 'message',
    onLive: hooks.onLive,
  });
  const stop = async (): Promise<void> => {
    if (pool.stopping) return;
    await pool.stop({
      signalStop: () => {
        Atomics.store(ctrl, CTRL.command, COMMAND.stop);
        Atomics.add(ctrl, CTRL.go, 1);
        // Wake the workers wherever they wait: for a job, at a barrier, or for a job's decision.
        for (const at of [CTRL.go, CTRL.barrier, CTRL.decided]) Atomics.notify(ctrl, at);
      },
    });
    hooks.onTensors(Array.from(ctrl.subarray(CTRL.tensors, CTRL.tensors + inits.length)));
  };
  return {
    failed: pool.failed,
    reported: pool.reported,
    get stopping() {
      return pool.stopping;
    },
    stop,
  };
}
