/** A factor's row of the MIG table (as the β-VAE job records it in `extra.migFactors`). */
export interface MigFactorGap {
  /** Factor name as `DSPRITES_FACTOR_NAMES` spells it (`shape`, `scale`, `orientation`, `posX`, `posY`). */
  factor: string;
  /** Normalized MI gap of the factor, in [0, 1]; `null` for a constant factor. */
  gap: number | null;
  /** The latent dimension with the most MI about the factor. */
  topLatent: number;
}

/** The page's names of the dSprites factors. */
const FACTOR_LABELS: Record<string, string> = {
  shape: 'shape',
  scale: 'scale',
  orientation: 'rotation',
  posX: 'x position',
  posY: 'y position',
};

/** Gap from which a factor counts as having a latent dimension of its own. */
export const SEPARATED_GAP = 0.2;
/** Gap below which a factor counts as not separated at all. */
export const MIXED_GAP = 0.05;
/** KL (nats) below which a dimension is inactive, as `traversalOrder` marks it. */
const INACTIVE_KL = 0.05;

function list(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The sentence the β-VAE demo prints after the model's MIG, derived from the per-factor gaps so
 * that it always describes the shipped model: which factors have a dimension of their own
 * (gap ≥ {@link SEPARATED_GAP}), which lean on one dimension a little (≥ {@link MIXED_GAP}), and
 * which are spread over several dimensions or not encoded (below {@link MIXED_GAP}). A factor whose
 * gap is at least {@link MIXED_GAP} but whose top dimension is inactive (KL < 0.05 nats) is named
 * apart: the posterior mean tracks it (MIG bins the mean, whatever its spread), yet the dimension
 * carries almost no information, so its traversal row hardly changes the picture.
 *
 * @param factors - The MIG table, factors in any order; `null` gaps (constant factors) are skipped.
 * @param klPerDim - Mean KL per latent dimension, nats (default: every dimension active).
 * @returns The sentence, starting with " — " (empty when there is no table).
 */
export function migVerdict(
  factors: readonly MigFactorGap[],
  klPerDim: readonly number[] = [],
): string {
  const named = factors
    .filter((f): f is MigFactorGap & { gap: number } => f.gap !== null && Number.isFinite(f.gap))
    .map((f) => ({
      label: FACTOR_LABELS[f.factor] ?? f.factor,
      gap: f.gap,
      dim: f.topLatent,
      inactive:
        f.gap >= MIXED_GAP && (klPerDim[f.topLatent] ?? Number.POSITIVE_INFINITY) < INACTIVE_KL,
    }));
  if (named.length === 0) return '';
  const active = named.filter((f) => !f.inactive);
  const separated = active.filter((f) => f.gap >= SEPARATED_GAP).map((f) => f.label);
  const leaning = active
    .filter((f) => f.gap >= MIXED_GAP && f.gap < SEPARATED_GAP)
    .map((f) => f.label);
  const hidden = named.filter((f) => f.inactive);
  const mixed = named.filter((f) => f.gap < MIXED_GAP).map((f) => f.label);
  const parts: string[] = [];
  if (separated.length > 0) {
    parts.push(
      `${list(separated)} ${separated.length === 1 ? 'has a latent dimension' : 'each have a latent dimension'} of ${separated.length === 1 ? 'its' : 'their'} own (gap ≥ ${SEPARATED_GAP})`,
    );
  }
  if (leaning.length > 0) {
    parts.push(
      `${list(leaning)} ${leaning.length === 1 ? 'leans' : 'lean'} on one dimension only a little more than on the next (gap ${MIXED_GAP}–${SEPARATED_GAP})`,
    );
  }
  for (const f of hidden) {
    parts.push(
      `${f.label} is tracked (gap ${f.gap.toFixed(2)}) by the posterior mean of z${f.dim}, an inactive dimension (KL < ${INACTIVE_KL} nats), so its row barely changes the sprite`,
    );
  }
  if (mixed.length > 0) {
    parts.push(
      `${list(mixed)} ${mixed.length === 1 ? 'is' : 'are'} spread over several dimensions or hardly encoded (gap < ${MIXED_GAP})`,
    );
  }
  return ` — ${parts.join('; ')}.`;
}
