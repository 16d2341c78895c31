import type { FixedFormat } from '@latentkit/quantize';

/**
 * The 4-bit grey level shown for an output code: `clamp(floor(code · 2^(4 − frac)), 0, 15)`,
 * i.e. the value `v = code · 2^−frac` (a sigmoid output in [0, 1]) cut into 16 equal bins, 1.0
 * and above → 15, negatives → 0. The RTL of {@link greyLevelVerilog} computes the same function
 * (an arithmetic shift and a clamp), so the golden image is this function of the golden model's
 * codes.
 *
 * @param code - An output code (integer) of `format`.
 * @param format - The output format (`frac` fraction bits).
 * @returns An integer in 0…15.
 *
 * @example
 * ```ts
 * import { fixedFormat } from '@latentkit/quantize';
 * import { greyLevel } from '@latentkit/verilog';
 *
 * const f = fixedFormat(8, 7); // outputs in [0, 1): 128 codes per 1.0
 * greyLevel(64, f); // 0.5 → 8
 * greyLevel(127, f); // → 15
 * greyLevel(-5, f); // → 0
 * ```
 */
export function greyLevel(code: number, format: FixedFormat): number {
  const s = format.frac - 4;
  const v = s >= 0 ? Math.floor(code / 2 ** s) : code * 2 ** -s;
  return v < 0 ? 0 : Math.min(v, 15);
}

/**
 * Verilog-2001 lines that declare `wire [3:0] <out>` = {@link greyLevel} of the signed code
 * `<input>` of `format` (width `format.width`): sign-extend, arithmetic shift by `frac − 4`
 * (left shift when `frac < 4`), clamp to 0…15.
 *
 * @param input - Name of a signed wire of `format.width` bits.
 * @param out - Name of the 4-bit wire to declare.
 * @param prefix - Prefix of the helper wires (`<prefix>_wide`, `<prefix>_sh`).
 */
export function greyLevelVerilog(
  input: string,
  out: string,
  prefix: string,
  format: FixedFormat,
): string {
  const s = format.frac - 4;
  const gw = Math.max(6, format.width + Math.max(0, -s));
  const shift = s >= 0 ? `${prefix}_wide >>> ${s}` : `${prefix}_wide <<< ${-s}`;
  return (
    `  // grey level = clamp(floor(code * 2^(4 - ${format.frac})), 0, 15)\n` +
    `  wire signed [${gw - 1}:0] ${prefix}_wide = ${input};\n` +
    `  wire signed [${gw - 1}:0] ${prefix}_sh = ${shift};\n` +
    `  wire [3:0] ${out} = ${prefix}_sh[${gw - 1}] ? 4'd0 : (${prefix}_sh > ${gw}'sd15) ? 4'd15 : ${prefix}_sh[3:0];\n`
  );
}
