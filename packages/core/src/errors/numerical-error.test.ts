import { describe, expect, it } from 'vitest';
import { LatentkitError } from './latentkit-error.js';
import { NumericalError } from './numerical-error.js';
import { WorkerError } from './worker-error.js';

describe('NumericalError and WorkerError', () => {
  it('carry their codes, names and what failed', () => {
    const numerical = new NumericalError('QL did not converge');
    expect(numerical).toBeInstanceOf(LatentkitError);
    expect([numerical.name, numerical.code, numerical.message]).toEqual([
      'NumericalError',
      'NUMERICAL',
      'QL did not converge',
    ]);
    const worker = new WorkerError(1, 'ShapeError: bad', 'ShapeError', 'scatter worker');
    expect(worker).toBeInstanceOf(LatentkitError);
    expect([worker.code, worker.message, worker.worker, worker.originalName]).toEqual([
      'WORKER',
      'scatter worker 1: ShapeError: bad',
      1,
      'ShapeError',
    ]);
    expect(new WorkerError(0, 'exited').message).toBe('worker 0: exited');
  });
});
