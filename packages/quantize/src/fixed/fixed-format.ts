import { QuantizationError } from '../errors/quantization-error.js';

/**
 * A signed two's-complement fixed-point format: a `width`-bit integer code `c` stands for the
 * real value `c · 2^−frac`.
 *
 * - codes run from `−2^(width−1)` to `2^(width−1) − 1`;
 * - `frac` may be negative (the LSB weighs more than 1) or exceed `width` (all values below 1);
 * - `width` is at most {@link MAX_FIXED_WIDTH} (53) so that every code is an exact JS number
 *   (doubles hold every integer of magnitude ≤ 2^53). This is the proven bound all of
 *   `@latentkit/quantize` relies on when it does integer arithmetic with `number`s.
 *
 * Plain data (JSON-serializable). Build one with {@link fixedFormat}, which validates.
 */
export interface FixedFormat {
  /** Total bits, sign included: an integer in [2, 53]. */
  readonly width: number;
  /** Fraction bits: the value of a code is `code · 2^−frac`. An integer in [−128, 128]. */
  readonly frac: number;
  /** Always `true`: latentkit formats are two's complement. */
  readonly signed: true;
}

/** Widest supported format: 53 bits, so every code is exact in a JS `number`. */
export const MAX_FIXED_WIDTH = 53;

/** Largest |frac| accepted. */
export const MAX_FIXED_FRAC = 128;

/**
 * Makes a validated {@link FixedFormat}.
 *
 * @param width - Total bits including the sign, integer in [2, 53].
 * @param frac - Fraction bits, integer in [−128, 128].
 * @throws {@link QuantizationError} (`bad-width`) otherwise.
 *
 * @example
 * ```ts
 * import { fixedFormat, formatToString } from '@latentkit/quantize';
 *
 * const f = fixedFormat(16, 12); // { width: 16, frac: 12, signed: true }: values −8 … 8 − 2^−12
 * formatToString(f); // → 's16.12'
 * fixedFormat(16, 20); // ok: frac may exceed width (a range below ±1)
 * ```
 */
export function fixedFormat(width: number, frac: number): FixedFormat {
  const f: FixedFormat = { width, frac, signed: true };
  checkFormat(f);
  return f;
}

/**
 * Checks that `format` is a valid {@link FixedFormat} (e.g. one read from JSON).
 *
 * @param format - The format to check.
 * @param what - Name used in the error message.
 * @throws {@link QuantizationError} (`bad-width`) for a non-integer or out-of-range width or
 *   frac, or `signed` not `true`.
 */
export function checkFormat(format: FixedFormat, what = 'format'): void {
  if (format === null || typeof format !== 'object') {
    throw new QuantizationError('bad-width', `${what}: expected a FixedFormat object`);
  }
  const { width, frac, signed } = format;
  if (!Number.isInteger(width) || width < 2 || width > MAX_FIXED_WIDTH) {
    throw new QuantizationError(
      'bad-width',
      `${what}: width must be an integer in [2, ${MAX_FIXED_WIDTH}], got ${String(width)}`,
    );
  }
  if (!Number.isInteger(frac) || Math.abs(frac) > MAX_FIXED_FRAC) {
    throw new QuantizationError(
      'bad-width',
      `${what}: frac must be an integer in [−${MAX_FIXED_FRAC}, ${MAX_FIXED_FRAC}], got ${String(frac)}`,
    );
  }
  if (signed !== true) {
    throw new QuantizationError('bad-width', `${what}: only signed (two's complement) formats`);
  }
}

/** Smallest code of `format`: `−2^(width−1)`. */
export function minCode(format: FixedFormat): number {
  return -(2 ** (format.width - 1));
}

/** Largest code of `format`: `2^(width−1) − 1`. */
export function maxCode(format: FixedFormat): number {
  return 2 ** (format.width - 1) - 1;
}

/**
 * The real value of one LSB: `2^−frac`.
 *
 * @example
 * ```ts
 * import { fixedFormat, resolution } from '@latentkit/quantize';
 *
 * resolution(fixedFormat(16, 12)); // → 2^−12 = 0.000244140625
 * ```
 */
export function resolution(format: FixedFormat): number {
  return 2 ** -format.frac;
}

/** Range of a format, as codes and as real values. */
export interface FormatRange {
  /** Smallest code, `−2^(width−1)`. */
  minCode: number;
  /** Largest code, `2^(width−1) − 1`. */
  maxCode: number;
  /** Smallest value, `minCode · 2^−frac`. */
  min: number;
  /** Largest value, `maxCode · 2^−frac`. */
  max: number;
  /** One LSB, `2^−frac`. */
  resolution: number;
}

/**
 * The codes and real values a format can hold (all exact doubles).
 *
 * @example
 * ```ts
 * import { fixedFormat, formatRange } from '@latentkit/quantize';
 *
 * formatRange(fixedFormat(8, 4));
 * // → { minCode: −128, maxCode: 127, min: −8, max: 7.9375, resolution: 0.0625 }
 * ```
 */
export function formatRange(format: FixedFormat): FormatRange {
  const lo = minCode(format);
  const hi = maxCode(format);
  const r = resolution(format);
  return { minCode: lo, maxCode: hi, min: lo * r, max: hi * r, resolution: r };
}

/** Whether `code` is an integer inside `format`'s range. */
export function isCodeInFormat(code: number, format: FixedFormat): boolean {
  return Number.isInteger(code) && code >= minCode(format) && code <= maxCode(format);
}

/**
 * Throws unless `code` is an integer inside `format`'s range.
 *
 * @throws {@link QuantizationError} (`bad-code`) naming `what`.
 *
 * @internal
 */
export function checkCode(code: number, format: FixedFormat, what = 'code'): void {
  if (!isCodeInFormat(code, format)) {
    throw new QuantizationError(
      'bad-code',
      `${what}: ${String(code)} is not an integer code of ${formatToString(format)} ` +
        `([${minCode(format)}, ${maxCode(format)}])`,
    );
  }
}

/** Whether two formats are the same (width and frac). */
export function formatsEqual(a: FixedFormat, b: FixedFormat): boolean {
  return a.width === b.width && a.frac === b.frac;
}

/**
 * A short name, `s<width>.<frac>` (e.g. `s16.12`: 16-bit signed, 12 fraction bits).
 *
 * @example
 * ```ts
 * import { fixedFormat, formatToString } from '@latentkit/quantize';
 *
 * formatToString(fixedFormat(8, 7)); // → 's8.7'
 * ```
 */
export function formatToString(format: FixedFormat): string {
  return `s${format.width}.${format.frac}`;
}
