import { describe, expect, it } from 'vitest';
import { WorkerError } from '../errors/worker-error.js';
import { startWorkerPool } from './start-worker-pool.js';

// Workers as eval'd CommonJS source: each behaves as its workerData says.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.mode === 'throw-at-start') throw new RangeError('bad start');
if (workerData.mode === 'exit') process.exit(3);
if (workerData.mode === 'report') parentPort.postMessage({ type: 'error', name: 'TypeError', message: 'nope' });
else parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m === 'crash') setTimeout(() => { throw new Error('late crash'); }, 0);
  else parentPort.postMessage({ echo: m, id: workerData.id });
});
`;
const entry = { file: SOURCE, eval: true };

describe('startWorkerPool', () => {
  it('starts every worker, forwards other messages, and stop leaves no thread', async () => {
    let live = 0;
    const seen: unknown[] = [];
    const pool = await startWorkerPool({
      entry,
      inits: [{ id: 0 }, { id: 1 }],
      role: 'echo worker',
      readyWhen: 'message',
      onLive: (d) => {
        live += d;
      },
      onMessage: (k, m) => seen.push([k, m]),
    });
    expect(live).toBe(2);
    pool.workers[1]?.postMessage('hi');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([[1, { echo: 'hi', id: 1 }]]);
    await pool.stop({ graceMs: 0 });
    expect(live).toBe(0);
    expect(pool.stopping).toBe(true);
  });

  it('a worker failing before it is ready rejects with a WorkerError naming it; none is left', async () => {
    for (const mode of ['throw-at-start', 'exit', 'report']) {
      let live = 0;
      const error = await startWorkerPool({
        entry,
        inits: [{ id: 0 }, { id: 1, mode }],
        role: 'echo worker',
        readyWhen: 'message',
        onLive: (d) => {
          live += d;
        },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, mode).toBeInstanceOf(WorkerError);
      expect((error as WorkerError).message).toMatch(/echo worker 1/);
      expect(live, mode).toBe(0);
    }
  });

  it('a later crash rejects `failed`', async () => {
    const pool = await startWorkerPool({ entry, inits: [{ id: 0 }], role: 'echo worker' });
    pool.workers[0]?.postMessage('crash');
    await expect(pool.failed).rejects.toThrow(/late crash/);
    await pool.stop({ graceMs: 0 });
  });
});
