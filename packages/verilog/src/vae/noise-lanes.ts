import type { NoiseConfig } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { requantInstance } from '../hdl/requant-module.js';
import { checkWidth, sconst, signedBits, unsignedBits } from '../hdl/verilog-text.js';

/** Verilog pieces of the CLT noise generator inside the reparameterization module. */
export interface NoiseLanes {
  /** Declarations, the xorshift32 function and the ε datapath (from `noise_sum` to `eps`). */
  declarations: string;
  /** Width of the running sum `noise_sum`. */
  sumWidth: number;
  /** Width of ε. */
  epsWidth: number;
}

/**
 * The hardware twin of `createNoiseSource` (a `cltXorshift32` config): one 32-bit xorshift state
 * register per lane, reset to its seed; a sample sums the top `uniformBits` of `uniforms`
 * successive words (`noise_sum`), centres it (`c = 2S − n(2^U − 1)`), multiplies by the scale
 * constant and shifts (floor), saturating into ε's format.
 *
 * @throws {@link VerilogError} (`unsupported-unit`) for another noise kind.
 */
export function noiseLanes(noise: NoiseConfig): NoiseLanes {
  if (noise?.kind !== 'cltXorshift32') {
    throw new VerilogError(
      'unsupported-unit',
      `no circuit for noise source '${String(noise?.kind)}'`,
    );
  }
  const n = noise.uniforms;
  const u = noise.uniformBits;
  const sw = unsignedBits(n * (2 ** u - 1));
  const cw = sw + 2;
  const scw = signedBits(noise.scale);
  const pw = checkWidth(cw + scw, 'noise scale product');
  const shift = u + 1 + noise.scaleFrac - noise.format.frac;
  const ew = noise.format.width;
  const declarations =
    `  // CLT noise (twin of createNoiseSource): xorshift32 (13, 17, 5) per lane, sum of ${n} x ${u}-bit uniforms.\n` +
    `  function [31:0] xorshift32;\n    input [31:0] s;\n    reg [31:0] t;\n    begin\n` +
    `      t = s ^ (s << 13);\n      t = t ^ (t >> 17);\n      xorshift32 = t ^ (t << 5);\n    end\n  endfunction\n` +
    `  reg [${sw - 1}:0] noise_sum;\n` +
    `  wire signed [${cw - 1}:0] noise_c = $signed({2'b00, noise_sum}) * 2 - ${sconst(n * (2 ** u - 1), cw)};\n` +
    `  wire signed [${scw - 1}:0] noise_scale = ${sconst(noise.scale, scw)};\n` +
    `  wire signed [${pw - 1}:0] noise_p = noise_c * noise_scale;\n` +
    `  wire signed [${ew - 1}:0] eps_code;\n` +
    requantInstance({
      instance: 'u_eps',
      input: 'noise_p',
      output: 'eps_code',
      inWidth: pw,
      fromFrac: shift,
      to: { width: ew, frac: 0, signed: true },
      rounding: 'truncate',
      overflow: 'saturate',
    });
  return { declarations, sumWidth: sw, epsWidth: ew };
}
