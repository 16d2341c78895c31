import { LatentkitError } from '@latentkit/core';

/**
 * Thrown on the main thread when a training worker thread failed: an error inside its step, an
 * error while starting (e.g. its backend could not load), or the thread exiting unexpectedly.
 * `code` is `'WORKER'`; the message names the worker and the original error's name and message.
 */
export class WorkerError extends LatentkitError {
  /** Index of the worker that failed. */
  readonly worker: number;
  /** Name of the original error (e.g. `'ShapeError'`), if there was one. */
  readonly originalName: string | undefined;

  /**
   * @param worker - Index of the failing worker.
   * @param message - What happened.
   * @param originalName - Name of the error thrown in the worker.
   */
  constructor(worker: number, message: string, originalName?: string) {
    super('WORKER', `training worker ${worker}: ${message}`);
    this.worker = worker;
    this.originalName = originalName;
  }
}
