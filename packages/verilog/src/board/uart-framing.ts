/**
 * The byte protocol of the Nexys4 DDR top: every code travels as `ceil(width / 8)` bytes,
 * little-endian, two's complement (sign-extended to whole bytes on the way out; on the way in the
 * bits above the width are ignored). The host sends the `inputCount` codes of a vector and
 * receives the `outputCount` codes of the result; no headers, no separators.
 */
export function bytesPerCode(width: number): number {
  return Math.ceil(width / 8);
}

/** The bytes of codes (see {@link bytesPerCode}). */
export function codesToBytes(codes: readonly number[], width: number): number[] {
  const nb = bytesPerCode(width);
  const out: number[] = [];
  for (const c of codes) {
    let v = BigInt(c);
    if (v < 0n) v += 1n << BigInt(8 * nb);
    for (let b = 0; b < nb; b++) out.push(Number((v >> BigInt(8 * b)) & 0xffn));
  }
  return out;
}

/** Codes from bytes (inverse of {@link codesToBytes}). */
export function bytesToCodes(bytes: readonly number[], width: number): number[] {
  const nb = bytesPerCode(width);
  const out: number[] = [];
  for (let i = 0; i + nb <= bytes.length; i += nb) {
    let v = 0n;
    for (let b = nb - 1; b >= 0; b--) v = (v << 8n) | BigInt(bytes[i + b]! & 0xff);
    const m = v & ((1n << BigInt(width)) - 1n);
    out.push(Number(m >= 1n << BigInt(width - 1) ? m - (1n << BigInt(width)) : m));
  }
  return out;
}
