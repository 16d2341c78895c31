import type { DenseMatrix } from './dense-matrix.js';
import type { ScatterPartial } from './sparse-scatter.js';

/**
 * Extra threads for the sparse scatter kernel. The main entry only defines this interface (it
 * stays browser-safe); Node's implementation is `createScatterWorkers()` from
 * `@latentkit/pca/node`.
 */
export interface ScatterWorkers {
  /** Number of worker threads. */
  readonly size: number;
  /**
   * Starts worker `w` (0 ≤ w < size) on rows `from + w·share … from + (w+1)·share − 1` of `m`,
   * each with column shift `shift`, and returns a function that blocks until all are done and
   * returns their partial sums. `dense`: use the dense register-tiled kernel (default: sparse).
   */
  start(
    m: DenseMatrix,
    shift: Float32Array,
    from: number,
    share: number,
    dense?: boolean,
  ): () => ScatterPartial[];
}
