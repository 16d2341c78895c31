import type { ObjectiveOptions } from '@latentkit/models';

/**
 * How the β-VAE demo's status line names the model's β: `β = 20`, or with a schedule
 * `β = 20, then 12 from step 9380`; `β = ?` when the record has none.
 *
 * @param objective - The training record's `objective` (may be absent or of another shape).
 */
export function betaLabel(objective: Record<string, unknown> | undefined): string {
  const o = (objective ?? {}) as ObjectiveOptions;
  if (typeof o.beta !== 'number') return 'β = ?';
  const changes = (Array.isArray(o.betaSchedule) ? o.betaSchedule : []).map(
    (c) => `${c.beta} from step ${c.step}`,
  );
  return changes.length === 0 ? `β = ${o.beta}` : `β = ${o.beta}, then ${changes.join(', then ')}`;
}
