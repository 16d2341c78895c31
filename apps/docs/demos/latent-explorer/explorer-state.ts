/**
 * Pure pieces of the latent explorer's state: which test digits the interpolation starts and ends
 * at, and the sentences the page writes about a drawing. No DOM and no model, so they are tested
 * in Node (`explorer-state.test.ts`).
 */
import { fmt } from '../common/dom.js';
import { percentileRank } from './latent-view.js';

/** First test indices of each digit: `out[d][k]` is the k-th example of digit d (at most `per`). */
export function examplesByDigit(labels: ArrayLike<number>, per = 20): number[][] {
  const out: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const d = labels[i]!;
    if (out[d]!.length < per) out[d]!.push(i);
  }
  return out;
}

/**
 * The test digits an interpolation runs between: the `round`-th example (cycling) of digit
 * `from` and of digit `to`.
 */
export function interpolationEnds(
  examples: readonly (readonly number[])[],
  from: number,
  to: number,
  round: number,
): [number, number] {
  const a = examples[from]!;
  const b = examples[to]!;
  return [a[round % a.length]!, b[round % b.length]!];
}

/** What the page says about a scored drawing. */
export interface DrawingReading {
  /** Where the drawing's posterior mean lands, `[z1, z2]`. */
  z: readonly [number, number];
  /** Anomaly score, nats: −log p(x|z) averaged over posterior samples. */
  anomaly: number;
  /** Anomaly scores of real test digits, sorted ascending (empty while they are computed). */
  reference: Float32Array;
}

/** The percentile of the drawing's score among the real digits', `NaN` without a reference. */
export function drawingPercentile(r: DrawingReading): number {
  return r.reference.length > 0 ? percentileRank(r.reference, r.anomaly) : Number.NaN;
}

/** The sentence under a scored drawing: where it lands and how unusual its score is. */
export function drawingNote(r: DrawingReading): string {
  const pct = drawingPercentile(r);
  return (
    `It lands at z = (${fmt(r.z[0])}, ${fmt(r.z[1])}) — the yellow diamond. Anomaly score ` +
    `${fmt(r.anomaly, 1)} nats (−log p(x|z) averaged over 10 posterior samples)` +
    (Number.isNaN(pct)
      ? '.'
      : `: higher than ${fmt(100 * pct, 0)} % of ${r.reference.length} real test digits.`)
  );
}
