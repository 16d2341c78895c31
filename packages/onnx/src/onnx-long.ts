/** A protobuf int64 as protobufjs returns it: a number, or a `Long` object (`long` installed). */
export type Int64Like = number | { toNumber(): number; toString(): string };

/**
 * The number of an int64 field. Values outside ±2⁵³ come back rounded (callers bound every value
 * they use far below that, e.g. dims), never as an exception.
 */
export function int64ToNumber(value: Int64Like | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && typeof value.toNumber === 'function') return value.toNumber();
  return Number.NaN;
}
