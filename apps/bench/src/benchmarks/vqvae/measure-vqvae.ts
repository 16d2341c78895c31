import { TARGETS } from '../../vqvae/settings.js';
import type { TopClassSummary } from '../../vqvae/top-class.js';
import type { EpochPoint } from '../../vqvae/train-quantizer.js';

/** A quantizer run's history, as the measures need it. */
export interface RunHistory {
  epochs: EpochPoint[];
  /** Wall-clock seconds (from the start) at the end of each epoch's evaluation. */
  wallAtEpoch: number[];
}

/** Whether one epoch's test figures meet both targets (NMSE and codebook usage). */
export function meetsTargets(p: Pick<EpochPoint, 'test'>): { nmse: boolean; usage: boolean } {
  return { nmse: p.test.nmse <= TARGETS.nmse, usage: p.test.usage >= TARGETS.usage };
}

/** Epoch at which a run first met both targets (1-based), if it did. */
export function targetEpoch(run: Pick<RunHistory, 'epochs'>): number | undefined {
  const p = run.epochs.find((e) => {
    const met = meetsTargets(e);
    return met.nmse && met.usage;
  });
  return p?.epoch;
}

/** Training seconds up to and including epoch `at` (1-based), and the wall-clock time then. */
export function timeToEpoch(run: RunHistory, at: number): { train: number; wall: number } {
  return {
    train: run.epochs.slice(0, at).reduce((a, e) => a + e.seconds, 0),
    wall: run.wallAtEpoch[at - 1]!,
  };
}

/** Dead codes restarted over the whole run. */
export function totalRestarts(run: Pick<RunHistory, 'epochs'>): number {
  return run.epochs.reduce((a, e) => a + e.train.restarted, 0);
}

/** Classifier summaries without the per-image predictions (what the JSON keeps). */
export function brief(s: TopClassSummary) {
  const { predicted: _, ...rest } = s;
  return rest;
}
