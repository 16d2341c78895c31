import { VerilogError } from '../errors/verilog-error.js';
import { commentText } from './verilog-text.js';

/**
 * A signed integer code as the two's-complement hex digits of a `width`-bit word (what
 * `$readmemh` reads): `ceil(width / 4)` lower-case digits, no prefix.
 *
 * @throws {@link VerilogError} (`bad-vectors`) if `code` is not an integer that fits `width` bits
 *   signed.
 */
export function toHex(code: number | bigint, width: number): string {
  if (typeof code === 'number' && !Number.isSafeInteger(code)) {
    throw new VerilogError('bad-vectors', `code ${code} is not a safe integer`);
  }
  const v = BigInt(code);
  const half = 1n << BigInt(width - 1);
  if (v < -half || v >= half) {
    throw new VerilogError('bad-vectors', `code ${v} does not fit ${width} signed bits`);
  }
  const u = v < 0n ? v + (1n << BigInt(width)) : v;
  return u.toString(16).padStart(Math.ceil(width / 4), '0');
}

/**
 * The inverse of {@link toHex}: hex digits of a `width`-bit two's-complement word → the signed
 * code. Bits above `width` are ignored.
 */
export function fromHex(hex: string, width: number): number {
  const u = BigInt(`0x${hex.trim()}`) & ((1n << BigInt(width)) - 1n);
  const half = 1n << BigInt(width - 1);
  return Number(u >= half ? u - (1n << BigInt(width)) : u);
}

/**
 * A `$readmemh` file: one word per line (see {@link toHex}), with a `//` comment header line.
 *
 * @param codes - Signed codes.
 * @param width - Word width in bits.
 * @param comment - Optional first-line comment (escaped with `commentText`: line breaks and
 *   other control characters become spaces).
 */
export function hexFile(codes: ArrayLike<number>, width: number, comment?: string): string {
  const lines: string[] = comment ? [`// ${commentText(comment)}`] : [];
  for (let i = 0; i < codes.length; i++) lines.push(toHex(codes[i]!, width));
  return `${lines.join('\n')}\n`;
}
