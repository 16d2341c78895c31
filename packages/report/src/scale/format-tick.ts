/**
 * A tick label: integers as is, others with at most 4 significant digits (no binary-fraction
 * noise such as `0.30000000000000004`).
 */
export function formatTick(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
