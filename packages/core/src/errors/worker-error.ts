import { LatentkitError } from './latentkit-error.js';

/**
 * Thrown on the main thread when a worker thread failed: an error inside its task, an error while
 * starting (e.g. its backend could not load), or the thread exiting unexpectedly. `code` is
 * `'WORKER'`; the message names the worker and the original error's name and message.
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
   * @param role - What the worker does, for the message (default `'worker'`, e.g. `'training
   *   worker'`).
   */
  constructor(worker: number, message: string, originalName?: string, role = 'worker') {
    super('WORKER', `${role} ${worker}: ${message}`);
    this.worker = worker;
    this.originalName = originalName;
  }
}
