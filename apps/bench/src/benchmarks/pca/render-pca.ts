import type { BackendInfo } from '@latentkit/tensor';
import type { BenchOutput } from '../../benchmark.js';
import type { DenseTimings } from './compute-dense-pca.js';
import type { PcaTimings } from './compute-pca.js';
import {
  denseRatios,
  type PcaSeconds,
  pcaSeconds,
  type SklearnRatios,
  sklearnRatios,
} from './measure-pca.js';
import type { SklearnFigures } from './run-sklearn.js';

/** `fastest–slowest` in seconds, from ms timings. */
export const spread = (t: { minMs: number; maxMs: number }) =>
  `${(t.minMs / 1000).toFixed(2)}–${(t.maxMs / 1000).toFixed(2)}`;

/** latentkit's three fits: best seconds, spread, EVR sum. */
export function oursRows(t: PcaTimings, ours: PcaSeconds): string[][] {
  return [
    [
      `latentkit exact, ${t.threads} threads`,
      ours.exact.toFixed(2),
      spread(t.stats.exactN),
      (t.evr.exactN as number).toFixed(6),
    ],
    [
      'latentkit exact, 1 thread',
      ours.exactOneThread.toFixed(2),
      spread(t.stats.exact1),
      (t.evr.exact1 as number).toFixed(6),
    ],
    [
      `latentkit randomized, ${t.threads} threads`,
      ours.randomized.toFixed(2),
      spread(t.stats.randomizedN),
      (t.evr.randomizedN as number).toFixed(6),
    ],
  ];
}

/** scikit-learn's two fits and numpy's covariance + eigh. */
export function sklearnRows(sk: SklearnFigures): string[][] {
  const skSpread = (all: number[]) =>
    `${Math.min(...all).toFixed(2)}–${Math.max(...all).toFixed(2)}`;
  return [
    [
      'sklearn randomized',
      sk.randomized.seconds.toFixed(2),
      skSpread(sk.randomized.all),
      sk.randomized.evr50.toFixed(6),
    ],
    ['sklearn full', sk.full.seconds.toFixed(2), skSpread(sk.full.all), sk.full.evr50.toFixed(6)],
    ['numpy cov + eigh (float32)', sk.numpy_cov_eigh.seconds.toFixed(2), '–', '–'],
  ];
}

/** The ratios and how to read them. */
export function ratioNotes(threads: number, r: SklearnRatios): string[] {
  return [
    `ratio latentkit exact (${threads} threads) / sklearn randomized: ${r.exactOverRandomized.toFixed(2)}`,
    `ratio latentkit exact (1 thread) / sklearn randomized: ${r.exactOneThreadOverRandomized.toFixed(2)}`,
    `ratio latentkit exact (${threads} threads) / sklearn full: ${r.exactOverFull.toFixed(2)}`,
    `ratio latentkit randomized / sklearn randomized: ${r.randomizedOverRandomized.toFixed(2)}`,
    `EVR(50) difference, latentkit exact − sklearn full (float32 data): ${r.evrDifference.toExponential(2)}`,
    'Ratios < 1 mean latentkit is faster. Best of the same number of runs for each (spread =',
    'fastest–slowest). latentkit: sparse wasm SIMD scatter kernel (calling thread + worker',
    'threads) and a float64 eigensolver; numpy/OpenBLAS uses every core.',
  ];
}

/** The dense case's rows (latentkit, then scikit-learn and numpy when they ran) and notes. */
export function denseSection(d: DenseTimings): { rows: string[][]; notes: string[] } {
  const label = `dense ${d.rows}×${d.cols}`;
  const ours = d.stats.minMs / 1000;
  const rows = [
    [
      `${label}: latentkit fitPca (default: exact)`,
      ours.toFixed(2),
      spread(d.stats),
      d.evr.toFixed(6),
    ],
  ];
  const what =
    `${label}: float32, rank ${d.rank} signal (spectrum 0.95^r) + N(0, ${d.noise}²) noise, seed ${d.seed}; ` +
    'the same bytes go to Python through a raw float32 file';
  const sk = d.sklearn;
  if (typeof sk === 'string') return { rows, notes: [what, `${label}: no ratios: ${sk}.`] };
  const r = denseRatios(ours, d.evr, sk);
  rows.push(
    [
      `${label}: sklearn randomized`,
      sk.randomized.seconds.toFixed(2),
      `${Math.min(...sk.randomized.all).toFixed(2)}–${Math.max(...sk.randomized.all).toFixed(2)}`,
      sk.randomized.evr50.toFixed(6),
    ],
    [
      `${label}: numpy cov + eigh (float32)`,
      sk.numpy_cov_eigh.seconds.toFixed(2),
      '–',
      sk.numpy_cov_eigh.evr50 === undefined ? '–' : sk.numpy_cov_eigh.evr50.toFixed(6),
    ],
  );
  return {
    rows,
    notes: [
      what,
      `${label}: ratio latentkit fitPca / sklearn randomized: ${r.overRandomized.toFixed(2)}`,
      `${label}: ratio latentkit fitPca / numpy cov + eigh: ${r.overNumpyEigh.toFixed(2)}`,
      `${label}: EVR(50) difference, latentkit − sklearn randomized: ${r.evrDifference.toExponential(2)}`,
    ],
  };
}

/** The pca report: table of every fit, ratios against scikit-learn (or why none), JSON. */
export function renderPca(info: BackendInfo, t: PcaTimings): BenchOutput {
  const ours = pcaSeconds(t.stats);
  const sk = t.sklearn;
  const rows = oursRows(t, ours);
  const notes: string[] = [];
  if (typeof sk === 'string') notes.push(`No ratios: ${sk}.`);
  else {
    rows.push(...sklearnRows(sk));
    notes.push(...ratioNotes(t.threads, sklearnRatios(ours, t.evr.exactN as number, sk)));
  }
  const dense = denseSection(t.dense);
  rows.push(...dense.rows);
  notes.push(...dense.notes);
  return {
    header: [
      `backend: ${info.name} (simd ${info.simd}, threads ${info.threads}); MNIST 60000×784 float32, ` +
        `and a dense ${t.dense.rows}×${t.dense.cols} float32 matrix`,
    ],
    table: { columns: ['fit (k = 50)', 'seconds (best)', 'spread (s)', 'EVR sum'], rows },
    notes,
    results: {
      backend: info,
      ours: { ...ours, evr: t.evr, stats: t.stats },
      sklearn: sk,
      dense: t.dense,
    },
  };
}
