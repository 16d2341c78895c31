/** The β fields of a training record's objective (`ObjectiveOptions` as stored in the file). */
export interface StoredBeta {
  beta?: number;
  betaSchedule?: readonly { step: number; beta: number }[];
}

/**
 * How the β-VAE demo's status line names the model's β: `β = 20`, or with a schedule
 * `β = 20, then 12 from step 9380`; `β = ?` when the record has none.
 *
 * @param objective - The training record's `objective` (may be absent or of another shape).
 */
export function betaLabel(objective: Record<string, unknown> | undefined): string {
  const o = (objective ?? {}) as StoredBeta;
  if (typeof o.beta !== 'number') return 'β = ?';
  const changes = (Array.isArray(o.betaSchedule) ? o.betaSchedule : []).map(
    (c) => `${c.beta} from step ${c.step}`,
  );
  return changes.length === 0 ? `β = ${o.beta}` : `β = ${o.beta}, then ${changes.join(', then ')}`;
}
