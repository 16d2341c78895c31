import type { SklearnFigures } from './run-sklearn.js';

/** Best seconds of latentkit's fits. */
export interface PcaSeconds {
  /** Exact, every thread. */
  exact: number;
  exactOneThread: number;
  /** Randomized, every thread. */
  randomized: number;
}

/** latentkit over scikit-learn (< 1: latentkit faster), and the EVR difference. */
export interface SklearnRatios {
  exactOverRandomized: number;
  exactOneThreadOverRandomized: number;
  exactOverFull: number;
  randomizedOverRandomized: number;
  /** EVR(50) of latentkit exact − sklearn full. */
  evrDifference: number;
}

/** Sum of a list of numbers. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

/** Best seconds of each fit from its timing (ms). */
export function pcaSeconds(stats: {
  exact1: { minMs: number };
  exactN: { minMs: number };
  randomizedN: { minMs: number };
}): PcaSeconds {
  return {
    exact: stats.exactN.minMs / 1000,
    exactOneThread: stats.exact1.minMs / 1000,
    randomized: stats.randomizedN.minMs / 1000,
  };
}

/** latentkit's best seconds over scikit-learn's, and the EVR difference of the exact fits. */
export function sklearnRatios(
  ours: PcaSeconds,
  evrExact: number,
  sk: SklearnFigures,
): SklearnRatios {
  return {
    exactOverRandomized: ours.exact / sk.randomized.seconds,
    exactOneThreadOverRandomized: ours.exactOneThread / sk.randomized.seconds,
    exactOverFull: ours.exact / sk.full.seconds,
    randomizedOverRandomized: ours.randomized / sk.randomized.seconds,
    evrDifference: evrExact - sk.full.evr50,
  };
}

/** The dense case: latentkit's default fit over scikit-learn randomized and numpy cov + eigh. */
export interface DenseRatios {
  /** latentkit best seconds / scikit-learn randomized best seconds (< 1: latentkit faster). */
  overRandomized: number;
  /** latentkit best seconds / numpy covariance + eigh best seconds. */
  overNumpyEigh: number;
  /** EVR(50) of latentkit − scikit-learn randomized. */
  evrDifference: number;
}

/** Ratios of the dense case from latentkit's best seconds and EVR sum and the script's figures. */
export function denseRatios(
  oursSeconds: number,
  evr: number,
  sk: { randomized: { seconds: number; evr50: number }; numpy_cov_eigh: { seconds: number } },
): DenseRatios {
  return {
    overRandomized: oursSeconds / sk.randomized.seconds,
    overNumpyEigh: oursSeconds / sk.numpy_cov_eigh.seconds,
    evrDifference: evr - sk.randomized.evr50,
  };
}
