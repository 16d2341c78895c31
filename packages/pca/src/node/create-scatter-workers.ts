// Node-only: worker threads for the sparse scatter kernel. Reached only through the package's
// `./node` entry, so the main entry stays browser-safe.

import { availableParallelism } from 'node:os';
import { requireKnownOptions, WorkerError } from '@latentkit/core';
import { startWorkerPool } from '@latentkit/core/node';
import type { DenseMatrix } from '../dense-matrix.js';
import type { ScatterWorkers } from '../scatter-workers.js';
import {
  DENSE_BLOCK_ROWS,
  type ScatterPartial,
  SparseScatterKernel,
  scatterKernelModule,
  scatterPages,
} from '../sparse-scatter.js';

// The worker only instantiates the (posted, already compiled) kernel on the posted shared memory
// and runs it over the rows staged there, so it is plain JavaScript evaluated from a string: no
// worker file to resolve, in source (vitest) or built form.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  const { module, memory, L, rows, blockRows, flushRows, dense, flag } = job;
  try {
    const { exports: k } = new WebAssembly.Instance(module, { env: { memory } });
    let pending = 0;
    for (let b = 0; b < rows; b += blockRows) {
      const nb = Math.min(blockRows, rows - b);
      if (dense) {
        k.accumulateDense(L.x + b * L.rb, nb, L.rb, L.shift, L.list, L.s64, L.sum, L.vmin, L.vmax, L.cnt);
        continue;
      }
      k.accumulate(L.x + b * L.rb, nb, L.rb, L.shift, L.list, L.s32, L.sum, L.vmin, L.vmax, L.cnt);
      pending += nb;
      if (pending >= flushRows) { k.flush(L.s32, L.s64, L.rb); pending = 0; }
    }
    if (pending > 0) k.flush(L.s32, L.s64, L.rb);
    Atomics.store(flag, 0, 1);
  } catch (e) {
    Atomics.store(flag, 0, 2);
    parentPort.postMessage(String(e && e.stack || e));
  }
  Atomics.notify(flag, 0);
});
`;

/** Worker threads returned by {@link createScatterWorkers}; close them when done. */
export interface NodeScatterWorkers extends ScatterWorkers {
  /** Terminates the worker threads. */
  close(): Promise<void>;
}

/** Options of {@link createScatterWorkers}. */
export interface CreateScatterWorkersOptions {
  /** Number of worker threads. Default: logical cores − 1 (the calling thread works too). */
  threads?: number;
}

/**
 * Starts worker threads for the sparse scatter kernel of `fitPca` / `scatterMatrix` (Node only).
 * The threads are `unref`'d (they do not keep the process alive); each fit blocks the calling
 * thread with `Atomics.wait` until its workers finish, so `fitPca` stays synchronous.
 *
 * @example
 * ```ts
 * import { createScatterWorkers } from '@latentkit/pca/node';
 * import { fitPca } from '@latentkit/pca';
 *
 * const workers = await createScatterWorkers();
 * const pca = fitPca(images, { numComponents: 50, workers });
 * await workers.close();
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export async function createScatterWorkers(
  options: CreateScatterWorkersOptions = {},
): Promise<NodeScatterWorkers> {
  requireKnownOptions(options, ['threads'], 'createScatterWorkers options');
  const size = Math.max(0, options.threads ?? availableParallelism() - 1);
  const errors: string[] = [];
  const pool = await startWorkerPool({
    entry: { file: WORKER_SOURCE, eval: true },
    inits: Array.from({ length: size }, () => null),
    role: 'scatter worker',
    unref: true,
    onMessage: (_k, m) => errors.push(String(m)),
  });
  const workers = pool.workers;
  const module = scatterKernelModule(true);
  const memories: (WebAssembly.Memory | undefined)[] = [];
  return {
    size,
    start(
      m: DenseMatrix,
      shift: Float32Array,
      from: number,
      share: number,
      dense?: boolean,
    ): () => ScatterPartial[] {
      const jobs = workers.map((worker, w) => {
        const r0 = from + w * share;
        const pages = scatterPages(m.cols, share);
        // Reuse the worker's memory when it is large enough (fresh pages cost page faults).
        let memory = memories[w];
        if (memory === undefined || memory.buffer.byteLength < pages * 65536) {
          memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
          memories[w] = memory;
        }
        const kernel = new SparseScatterKernel(m.cols, shift, {
          blockRows: share,
          memory,
          dense: dense ?? false,
        });
        kernel.stage(m.data, r0, r0 + share);
        const flag = new Int32Array(new SharedArrayBuffer(4));
        worker.postMessage({
          module,
          memory,
          L: kernel.regions,
          rows: share,
          blockRows: dense ? DENSE_BLOCK_ROWS : 256,
          flushRows: 512,
          dense: dense ?? false,
          flag,
        });
        return { kernel, flag };
      });
      return () =>
        jobs.map(({ kernel, flag }, k) => {
          Atomics.wait(flag, 0, 0);
          if (Atomics.load(flag, 0) !== 1)
            throw new WorkerError(
              k,
              errors.pop() ?? 'failed with an unknown error',
              undefined,
              'scatter worker',
            );
          return kernel.result(share);
        });
    },
    async close() {
      memories.length = 0;
      await pool.stop({ graceMs: 0 });
    },
  };
}
