/**
 * Sample standard deviation (n − 1 denominator), for the spread of a figure over seeds.
 *
 * @returns 0 for fewer than two values.
 */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1));
}
