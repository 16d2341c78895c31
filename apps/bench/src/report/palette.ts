/**
 * Ten categorical colours (Tableau 10, as used by matplotlib's `tab10`), one per MNIST digit or
 * chart series; index i wraps around after ten.
 */
export const PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** The palette colour of index `i` (wrapping; negative indices count from the end). */
export function paletteColor(i: number): string {
  const n = PALETTE.length;
  return PALETTE[((Math.trunc(i) % n) + n) % n]!;
}
