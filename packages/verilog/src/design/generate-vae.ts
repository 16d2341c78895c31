import { type QuantizedVae, validateQuantizedVae } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { sanitizeIdentifier } from '../hdl/identifier.js';
import { REQUANT_MODULE, REQUANT_MODULE_NAME } from '../hdl/requant-module.js';
import { fileHeader } from '../hdl/verilog-text.js';
import { reparamModule } from '../vae/reparam-module.js';
import { checkModelForVerilog } from './check-model.js';
import { checkDesignOptions, type DesignOptions } from './design-options.js';
import { corePorts } from './generate-mlp.js';
import { layerChain } from './layer-chain.js';
import type { VerilogDesign } from './verilog-design.js';

/**
 * Generates synthesizable Verilog-2001 for a whole quantized VAE: encoder layers → hardware
 * reparameterization (σ LUT, xorshift32 CLT noise lanes, z = μ + σ·ε; see `reparamModule`) →
 * decoder layers, in one top with the stream ports of `generateMlp` plus `sample` (1: draw z,
 * 0: z = μ). Bit-exact with `runQuantizedVae` (with a noise source started at the configured
 * seeds when sampling). Pure: returns strings.
 *
 * `options.lanes` as an array indexes encoder layers first, then decoder layers.
 *
 * @throws {@link VerilogError}; the `QuantizationError`s of `validateQuantizedVae`.
 *
 * @example
 * ```ts
 * import { quantizeVae } from '@latentkit/quantize';
 * import { generateVae } from '@latentkit/verilog';
 *
 * const q = quantizeVae(vae, { calibration: images, bits: 8 });
 * const design = generateVae(q, { name: 'vae', targetClockMHz: 100 });
 * Object.keys(design.files); // encoder and decoder layers, σ LUT, noise generator, the top
 * ```
 */
export function generateVae(q: QuantizedVae, options: DesignOptions = {}): VerilogDesign {
  checkDesignOptions(options, 'generateVae');
  if (!q || typeof q !== 'object' || !q.encoder || !q.decoder || !q.reparam) {
    throw new VerilogError('bad-model', 'not a quantized VAE (needs encoder, reparam, decoder)');
  }
  checkModelForVerilog(q.encoder, 'encoder');
  checkModelForVerilog(q.decoder, 'decoder');
  validateQuantizedVae(q);
  const top = sanitizeIdentifier(options.name ?? 'lk_vae');
  const used = [top, REQUANT_MODULE_NAME];
  const encOut = q.encoder.layers[q.encoder.layers.length - 1]!.output;
  const enc = layerChain(q.encoder, `${top}_enc`, 'in', 'rp_in', options, 0, used);
  const repName = sanitizeIdentifier(`${top}_reparam`);
  used.push(repName);
  const rep = reparamModule(
    repName,
    q.latentDim,
    encOut,
    q.reparam,
    options.lutRomStyle ?? 'block',
    options.targetClockMHz ?? 100,
  );
  const dec = layerChain(
    q.decoder,
    `${top}_dec`,
    'z',
    'out',
    options,
    q.encoder.layers.length,
    used,
  );
  const first = q.encoder.layers[0]!;
  const last = q.decoder.layers[q.decoder.layers.length - 1]!;
  const wz = q.reparam.latent.width;
  const topText =
    fileHeader(
      `Core '${top}': quantized VAE, ${first.inFeatures} -> [mu | logvar] (${2 * q.latentDim}) -> z (${q.latentDim}) -> ${last.outFeatures}.`,
      [
        'Streams: one code per beat, valid/ready handshakes; out_last marks the last code of a vector.',
      ],
    ) +
    corePorts(top, first.input.width, last.output.width, true) +
    `  wire rp_in_valid, rp_in_ready, rp_in_last;\n` +
    `  wire signed [${encOut.width - 1}:0] rp_in_data;\n` +
    `  wire z_valid, z_ready, z_last;\n  wire signed [${wz - 1}:0] z_data;\n` +
    `  // Encoder: x -> [mu | logvar]\n${enc.body}` +
    `  // Reparameterization: z = mu + sigma * eps\n` +
    `  ${repName} u_reparam (\n    .clk(clk), .rst(rst), .sample(sample),\n` +
    `    .in_valid(rp_in_valid), .in_ready(rp_in_ready), .in_data(rp_in_data),\n` +
    `    .out_valid(z_valid), .out_ready(z_ready), .out_data(z_data), .out_last(z_last)\n  );\n` +
    `  // Decoder: z -> x_hat\n${dec.body}` +
    `endmodule\n`;
  const files: Record<string, string> = {
    [`${REQUANT_MODULE_NAME}.v`]: REQUANT_MODULE,
    ...enc.sources,
    [`${repName}.v`]: rep.text,
    ...dec.sources,
    [`${top}.v`]: topText,
    ...enc.hexFiles,
    ...rep.files,
    ...dec.hexFiles,
  };
  return {
    top,
    files,
    sources: [
      `${REQUANT_MODULE_NAME}.v`,
      ...Object.keys(enc.sources),
      `${repName}.v`,
      ...Object.keys(dec.sources),
      `${top}.v`,
    ],
    io: {
      inputCount: first.inFeatures,
      inputFormat: first.input,
      outputCount: last.outFeatures,
      outputFormat: last.output,
      hasSample: true,
    },
    layers: [...enc.layers, ...dec.layers],
  };
}
