// Node only. The calling thread's side of the jobs a parallel engine runs on its workers: staging
// a batch in one of the two slots of the shared memory, deciding a computed job's update (apply,
// or drop a batch computed ahead that was not asked for), and waiting for the workers.
import { WorkerError } from '@latentkit/core';
import type { StepBatch } from '../../training/train-engine.js';
import { COMMAND, CTRL, DECISION, JOB, JOB_FIELDS, type SharedLayout } from './shared-layout.js';
import type { SharedViews } from './shared-state.js';
import type { WorkerThreads } from './worker-threads.js';

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: boolean; value: Promise<string> | string };

/** Whether a batch's rows can be staged ahead: the workers read them from the shared data. */
export function stagesRows(L: SharedLayout, batch: StepBatch): boolean {
  return batch.rows !== undefined && L.dataType !== undefined;
}

/** The jobs staged on the workers: at most one running, plus one staged ahead. */
export interface JobQueue {
  /**
   * The job that computes `batch`, decided "apply": the one staged ahead if it is this batch,
   * else (after dropping a job staged ahead for another batch) a newly staged one.
   */
  take(batch: StepBatch): Promise<{ job: number; ahead: boolean }>;
  /** Stages `batch` as the next job, to be computed now and applied only if `take` asks for it. */
  ahead(batch: StepBatch): void;
  /** Drops the job staged ahead, if any, and waits until the workers are done with it. */
  drop(): Promise<void>;
}

/**
 * The job queue of a run on `shared` memory and its `threads`.
 *
 * @throws {@link WorkerError} (from `take`/`ahead`) once the engine has been stopped.
 */
export function createJobQueue(shared: SharedViews, threads: WorkerThreads): JobQueue {
  const { layout: L, ctrl } = shared;
  let staged = 0;
  let early: { job: number; batch: StepBatch } | undefined;
  const stage = (batch: StepBatch): number => {
    if (threads.stopping)
      throw new WorkerError(-1, 'the engine has been stopped', undefined, 'training worker');
    const job = ++staged;
    const slot = (job % 2) as 0 | 1;
    const fromData = stagesRows(L, batch);
    if (fromData) shared.rows[slot].set(batch.rows!);
    else shared.x[slot].set(batch.x);
    if (batch.labels) shared.labels[slot].set(batch.labels);
    const field = (name: keyof typeof JOB, value: number): void => {
      Atomics.store(ctrl, CTRL.job + slot * JOB_FIELDS + JOB[name], value);
    };
    field('fromData', fromData ? 1 : 0);
    field('size', batch.size);
    field('step', batch.step);
    field('epsSeed', batch.epsSeed | 0);
    field('active', Math.min(L.workers, batch.size));
    Atomics.store(ctrl, CTRL.command, COMMAND.step);
    Atomics.add(ctrl, CTRL.go, 1);
    Atomics.notify(ctrl, CTRL.go);
    return job;
  };
  const decide = (job: number, decision: number): void => {
    Atomics.store(ctrl, CTRL.decision + (job % 2), decision);
    Atomics.store(ctrl, CTRL.decided, job);
    Atomics.notify(ctrl, CTRL.decided);
  };
  const drop = async (): Promise<void> => {
    if (!early) return;
    const { job } = early;
    early = undefined;
    decide(job, DECISION.drop);
    await waitDone(ctrl, job * L.workers, threads.failed);
  };
  return {
    async take(batch) {
      const ahead = early !== undefined && sameBatch(early.batch, batch);
      let job: number;
      if (ahead) {
        job = early!.job;
        early = undefined;
      } else {
        await drop();
        job = stage(batch);
      }
      decide(job, DECISION.apply);
      return { job, ahead };
    },
    ahead(batch) {
      early = { job: stage(batch), batch };
    },
    drop,
  };
}

/** Whether two batches are the same rows, labels, step and ε (so that one job computes both). */
function sameBatch(a: StepBatch, b: StepBatch): boolean {
  return (
    a.step === b.step &&
    a.size === b.size &&
    a.epsSeed === b.epsSeed &&
    a.rows !== undefined &&
    b.rows !== undefined &&
    equalInts(a.rows, b.rows) &&
    (a.labels === undefined
      ? b.labels === undefined
      : b.labels !== undefined && equalInts(a.labels, b.labels))
  );
}

function equalInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How long the calling thread sleeps in `Atomics.wait` for a step before waiting asynchronously. */
const SYNC_WAIT_MS = 250;

/**
 * Waits until the control block counts `target` finished commands: first asleep in
 * `Atomics.wait` (woken by the last worker's notify directly, without a round through the event
 * loop, which cost ~1.5 ms per step), then, for a step slower than {@link SYNC_WAIT_MS} (or a
 * worker that died), asynchronously so that a worker's failure is seen.
 */
export async function waitDone(
  ctrl: Int32Array,
  target: number,
  failed: Promise<never>,
): Promise<void> {
  const deadline = performance.now() + SYNC_WAIT_MS;
  for (;;) {
    const current = Atomics.load(ctrl, CTRL.done);
    if (current >= target) return;
    const left = deadline - performance.now();
    if (left <= 0) break;
    Atomics.wait(ctrl, CTRL.done, current, left);
  }
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const current = Atomics.load(ctrl, CTRL.done);
    if (current >= target) return;
    const r = waitAsync(ctrl, CTRL.done, current);
    if (r.async) await Promise.race([r.value, failed]);
  }
}
