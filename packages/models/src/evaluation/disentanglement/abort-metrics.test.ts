import { describe, expect, it } from 'vitest';
import { copyingSource, DSPRITES_SIZES } from '../../../test/support/factor-encoders.js';
import { computeMig } from './compute-mig.js';
import type { FactorSource } from './factor-source.js';
import { factorVaeScore } from './factor-vae-score.js';

/** A source that aborts `controller` after `after` encode calls, counting the calls. */
function abortingSource(controller: AbortController, after: number) {
  const inner = copyingSource(DSPRITES_SIZES, { perm: [0, 1, 2, 3, 4] });
  let calls = 0;
  const source: FactorSource = {
    factorSizes: inner.factorSizes,
    async encode(factors, n) {
      calls++;
      if (calls === after) controller.abort();
      return inner.encode(factors, n);
    },
  };
  return { source, calls: () => calls };
}

describe('disentanglement metrics: signal', () => {
  it('computeMig and factorVaeScore stop at the next encode call and reject with the reason', async () => {
    for (const run of [
      (source: FactorSource, signal: AbortSignal) =>
        computeMig(source, { signal, encodeBatchSize: 500 }),
      (source: FactorSource, signal: AbortSignal) =>
        factorVaeScore(source, { signal, encodeBatchSize: 640 }),
    ]) {
      const controller = new AbortController();
      const { source, calls } = abortingSource(controller, 2);
      await expect(run(source, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
      expect(calls()).toBe(2); // of 20 (MIG) or far more (FactorVAE) without the abort
    }
  });

  it('an already aborted signal encodes nothing', async () => {
    const controller = new AbortController();
    const { source, calls } = abortingSource(controller, 1);
    await expect(computeMig(source, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(calls()).toBe(0);
  });
});
