import type { FixedFormat, OverflowMode, RoundingMode } from '@latentkit/quantize';

/** Name of the shared requantization module (see {@link REQUANT_MODULE}). */
export const REQUANT_MODULE_NAME = 'lk_requant';

/** `ROUND` parameter values of {@link REQUANT_MODULE}. */
export const ROUND_CODE: Readonly<Record<RoundingMode, number>> = {
  truncate: 0,
  'half-up': 1,
  'half-even': 2,
};

/**
 * Verilog-2001 text of `lk_requant`, the one "shift, round, clip" circuit every stage uses. It is
 * the hardware twin of `requantize` / `toFormat` of `@latentkit/quantize`:
 *
 * - `SHIFT > 0`: `q = din >>> SHIFT` (floor), plus one when rounding says so — `ROUND` 0 =
 *   truncate (never), 1 = half-up (the bit below the LSB), 2 = half-even (that bit and either a
 *   sticky bit or an odd `q`): exactly the rounding of the rational `din / 2^SHIFT`;
 * - `SHIFT ≤ 0`: `din <<< −SHIFT` (exact);
 * - then saturate (`SAT = 1`) or wrap (`SAT = 0`, keep the low `OUT_W` bits) into `OUT_W` bits.
 *
 * Combinational, parameterized, no vendor primitives.
 */
export const REQUANT_MODULE = `// lk_requant: fixed-point "shift, round, clip" (twin of @latentkit/quantize requantize).
//   SHIFT > 0 : dout = clip(round(din / 2^SHIFT)), ROUND 0 = floor, 1 = half-up, 2 = half-even
//   SHIFT <= 0: dout = clip(din * 2^-SHIFT)
//   clip      : SAT = 1 saturates to [-2^(OUT_W-1), 2^(OUT_W-1)-1], SAT = 0 keeps the low bits.
module ${REQUANT_MODULE_NAME} #(
  parameter integer IN_W  = 32,
  parameter integer OUT_W = 16,
  parameter integer SHIFT = 0,
  parameter integer ROUND = 2,
  parameter integer SAT   = 1
) (
  input  wire signed [IN_W-1:0]  din,
  output wire signed [OUT_W-1:0] dout
);
  // XW: input width, widened so that at least one bit is left after the shift.
  localparam integer XW = (SHIFT > 0) ? ((IN_W > SHIFT) ? IN_W : SHIFT + 1) : IN_W;
  // RW: width of the rounded (or left-shifted) value, one spare bit for the +1 of rounding.
  localparam integer RW = (SHIFT > 0) ? (XW - SHIFT + 1) : (IN_W - SHIFT);
  wire signed [RW-1:0] r;
  generate
    if (SHIFT > 0) begin : g_right
      wire signed [XW-1:0] x = din;
      wire signed [XW-SHIFT-1:0] q = x[XW-1:SHIFT];
      wire half = x[SHIFT-1];
      wire sticky = |(x & ({XW{1'b1}} >> (XW - SHIFT + 1)));
      wire up = (ROUND == 0) ? 1'b0 : (ROUND == 1) ? half : (half & (sticky | q[0]));
      assign r = q + $signed({1'b0, up});
    end else begin : g_left
      assign r = din <<< (-SHIFT);
    end
    if (RW <= OUT_W) begin : g_fits
      assign dout = r;
    end else begin : g_clip
      wire [RW-OUT_W:0] top = r[RW-1:OUT_W-1];
      wire fits = (top == {(RW-OUT_W+1){1'b0}}) || (top == {(RW-OUT_W+1){1'b1}});
      wire signed [OUT_W-1:0] lo = r[OUT_W-1:0];
      wire signed [OUT_W-1:0] max_code = {1'b0, {(OUT_W-1){1'b1}}};
      wire signed [OUT_W-1:0] min_code = {1'b1, {(OUT_W-1){1'b0}}};
      assign dout = (fits || SAT == 0) ? lo : (r[RW-1] ? min_code : max_code);
    end
  endgenerate
endmodule
`;

/** Options of {@link requantInstance}. */
export interface RequantInstance {
  /** Instance name. */
  instance: string;
  /** Input expression (a signed wire of `inWidth` bits). */
  input: string;
  /** Output wire name (declared by the caller, signed, `to.width` bits). */
  output: string;
  /** Width of the input. */
  inWidth: number;
  /** Fraction bits of the input. */
  fromFrac: number;
  /** Target format. */
  to: FixedFormat;
  /** Rounding mode. */
  rounding: RoundingMode;
  /** Overflow mode. */
  overflow: OverflowMode;
}

/** One instantiation line block of `lk_requant` converting `fromFrac` → `to` (see its docs). */
export function requantInstance(r: RequantInstance): string {
  const shift = r.fromFrac - r.to.frac;
  return (
    `  ${REQUANT_MODULE_NAME} #(.IN_W(${r.inWidth}), .OUT_W(${r.to.width}), .SHIFT(${shift}), ` +
    `.ROUND(${ROUND_CODE[r.rounding]}), .SAT(${r.overflow === 'saturate' ? 1 : 0}))\n` +
    `    ${r.instance} (.din(${r.input}), .dout(${r.output}));\n`
  );
}
