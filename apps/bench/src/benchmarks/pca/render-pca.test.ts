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
  dense: {
    rows: 600,
    cols: 10,
    rank: 8,
    noise: 0.05,
    seed: 1,
    stats: stats(3000, 3300),
    evr: 0.9,
    sklearn: {
      randomized: { seconds: 1.5, all: [1.5, 2], evr50: 0.8995 },
      numpy_cov_eigh: { seconds: 6, evr50: 0.9 },
      sklearn_version: '1.4',
    },
  },
});

const info = { name: 'wasm', simd: true, threads: 1 } as BackendInfo;

describe('renderPca', () => {
  it('lists latentkit’s fits and says why there are no ratios without scikit-learn', () => {
    const out = renderPca(info, timings('scikit-learn not available'));
    expect(out.table.rows.slice(0, 3)).toEqual([
      ['latentkit exact, 2 threads', '4.00', '4.00–4.21', '0.825000'],
      ['latentkit exact, 1 thread', '6.00', '6.00–6.50', '0.825000'],
      ['latentkit randomized, 2 threads', '1.00', '1.00–1.10', '0.824900'],
    ]);
    expect(out.notes[0]).toBe('No ratios: scikit-learn not available.');
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
    expect(out.table.rows.slice(3, 6)).toEqual([
      ['sklearn randomized', '2.00', '2.00–2.50', '0.824800'],
      ['sklearn full', '8.00', '8.00–9.00', '0.825000'],
      ['numpy cov + eigh (float32)', '1.50', '–', '–'],
    ]);
    expect(out.notes[0]).toBe('ratio latentkit exact (2 threads) / sklearn randomized: 2.00');
    expect(out.notes[2]).toBe('ratio latentkit exact (2 threads) / sklearn full: 0.50');
  });

  it('adds the dense case’s rows and ratios, keeping the MNIST ratios', () => {
    const out = renderPca(info, timings('scikit-learn not available'));
    expect(out.table.rows.slice(3)).toEqual([
      ['dense 600×10: latentkit fitPca (default: exact)', '3.00', '3.00–3.30', '0.900000'],
      ['dense 600×10: sklearn randomized', '1.50', '1.50–2.00', '0.899500'],
      ['dense 600×10: numpy cov + eigh (float32)', '6.00', '–', '0.900000'],
    ]);
    expect(out.notes).toContain('dense 600×10: ratio latentkit fitPca / sklearn randomized: 2.00');
    expect(out.notes).toContain('dense 600×10: ratio latentkit fitPca / numpy cov + eigh: 0.50');
  });

  it('says why the dense case has no ratios when Python did not run', () => {
    const t = timings('scikit-learn not available');
    const out = renderPca(info, { ...t, dense: { ...t.dense, sklearn: 'python failed: boom' } });
    expect(out.table.rows).toHaveLength(4);
    expect(out.notes.at(-1)).toBe('dense 600×10: no ratios: python failed: boom.');
  });
});
