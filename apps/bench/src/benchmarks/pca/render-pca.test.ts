import type { BackendInfo } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import type { TimingStats } from '../timing.js';
import type { PcaTimings } from './compute-pca.js';
import { renderPca } from './render-pca.js';

const stats = (minMs: number, maxMs: number) =>
  ({ minMs, maxMs, medianMs: minMs, meanMs: minMs, samplesMs: [minMs, maxMs] }) as TimingStats;

const timings = (sklearn: PcaTimings['sklearn']): PcaTimings => ({
  threads: 2,
  evr: { exact1: 0.825, exactN: 0.825, randomizedN: 0.8249 },
  stats: { exact1: stats(6000, 6500), exactN: stats(4000, 4210), randomizedN: stats(1000, 1100) },
  sklearn,
});

const info = { name: 'wasm', simd: true, threads: 1 } as BackendInfo;

describe('renderPca', () => {
  it('lists latentkit’s fits and says why there are no ratios without scikit-learn', () => {
    const out = renderPca(info, timings('scikit-learn not available'));
    expect(out.table.rows).toEqual([
      ['latentkit exact, 2 threads', '4.00', '4.00–4.21', '0.825000'],
      ['latentkit exact, 1 thread', '6.00', '6.00–6.50', '0.825000'],
      ['latentkit randomized, 2 threads', '1.00', '1.00–1.10', '0.824900'],
    ]);
    expect(out.notes).toEqual(['No ratios: scikit-learn not available.']);
  });

  it('adds scikit-learn’s rows and the ratios when it ran', () => {
    const out = renderPca(
      info,
      timings({
        randomized: { seconds: 2, all: [2, 2.5], evr50: 0.8248 },
        full: { seconds: 8, all: [8, 9], evr50: 0.825 },
        numpy_cov_eigh: { seconds: 1.5 },
        sklearn_version: '1.4',
      }),
    );
    expect(out.table.rows.slice(3)).toEqual([
      ['sklearn randomized', '2.00', '2.00–2.50', '0.824800'],
      ['sklearn full', '8.00', '8.00–9.00', '0.825000'],
      ['numpy cov + eigh (float32)', '1.50', '–', '–'],
    ]);
    expect(out.notes[0]).toBe('ratio latentkit exact (2 threads) / sklearn randomized: 2.00');
    expect(out.notes[2]).toBe('ratio latentkit exact (2 threads) / sklearn full: 0.50');
  });
});
