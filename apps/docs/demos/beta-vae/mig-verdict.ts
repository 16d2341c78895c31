/** A factor's row of the MIG table (as the β-VAE job records it in `extra.migFactors`). */
export interface MigFactorGap {
  /** Factor name as `DSPRITES_FACTOR_NAMES` spells it (`shape`, `scale`, `orientation`, `posX`, `posY`). */
  factor: string;
  /** Normalized MI gap of the factor, in [0, 1]; `null` for a constant factor. */
  gap: number | null;
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

function list(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The sentence the β-VAE demo prints after the model's MIG, derived from the per-factor gaps so
 * that it always describes the shipped model: which factors have a dimension of their own
 * (gap ≥ {@link SEPARATED_GAP}), which lean on one dimension a little (≥ {@link MIXED_GAP}), and
 * which are spread over several dimensions or not encoded (below {@link MIXED_GAP}).
 *
 * @param factors - The MIG table, factors in any order; `null` gaps (constant factors) are skipped.
 * @returns The sentence, starting with " — " (empty when there is no table).
 */
export function migVerdict(factors: readonly MigFactorGap[]): string {
  const named = factors
    .filter((f): f is MigFactorGap & { gap: number } => f.gap !== null && Number.isFinite(f.gap))
    .map((f) => ({ label: FACTOR_LABELS[f.factor] ?? f.factor, gap: f.gap }));
  if (named.length === 0) return '';
  const separated = named.filter((f) => f.gap >= SEPARATED_GAP).map((f) => f.label);
  const leaning = named
    .filter((f) => f.gap >= MIXED_GAP && f.gap < SEPARATED_GAP)
    .map((f) => f.label);
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
  if (mixed.length > 0) {
    parts.push(
      `${list(mixed)} ${mixed.length === 1 ? 'is' : 'are'} spread over several dimensions or hardly encoded (gap < ${MIXED_GAP})`,
    );
  }
  return ` — ${parts.join('; ')}.`;
}
