import type { SavedResult } from './saved-result.js';

/** Order of a report's sections by benchmark name; benchmarks not listed follow in name order. */
export const SECTION_ORDER: readonly string[] = [
  'reference',
  'latent-2d',
  'cvae',
  'beta-vae',
  'matmul',
  'pca',
];

/**
 * Sorts saved results into report order ({@link SECTION_ORDER}, then by name); the input is not
 * changed.
 *
 * @example
 * ```ts
 * sortResults(results).map((r) => r.benchmark); // ['reference', …, 'pca', 'alpha', …]
 * ```
 */
export function sortResults(results: readonly SavedResult[]): SavedResult[] {
  const rank = (name: string) => {
    const i = SECTION_ORDER.indexOf(name);
    return i < 0 ? SECTION_ORDER.length : i;
  };
  return [...results].sort(
    (a, b) => rank(a.benchmark) - rank(b.benchmark) || a.benchmark.localeCompare(b.benchmark),
  );
}
