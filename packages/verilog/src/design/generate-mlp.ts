import type { QuantizedMlp } from '@latentkit/quantize';
import { sanitizeIdentifier } from '../hdl/identifier.js';
import { REQUANT_MODULE, REQUANT_MODULE_NAME } from '../hdl/requant-module.js';
import { fileHeader } from '../hdl/verilog-text.js';
import { checkModelForVerilog } from './check-model.js';
import { checkDesignOptions, type DesignOptions } from './design-options.js';
import { layerChain } from './layer-chain.js';
import type { VerilogDesign } from './verilog-design.js';

/** The top-module port list of a core (`sample` only for a VAE). */
export function corePorts(top: string, inWidth: number, outWidth: number, sample: boolean): string {
  return (
    `module ${top} (\n` +
    `  input  wire                    clk,\n` +
    `  input  wire                    rst,      // synchronous, active high\n` +
    (sample
      ? `  input  wire                    sample,   // 1: z = mu + sigma*eps, 0: z = mu\n`
      : '') +
    `  input  wire                    in_valid,\n` +
    `  output wire                    in_ready,\n` +
    `  input  wire signed [${inWidth - 1}:0] in_data,\n` +
    `  output wire                    out_valid,\n` +
    `  input  wire                    out_ready,\n` +
    `  output wire signed [${outWidth - 1}:0] out_data,\n` +
    `  output wire                    out_last\n` +
    `);\n`
  );
}

/**
 * Generates synthesizable Verilog-2001 for a quantized MLP (an encoder or a decoder): one
 * time-multiplexed MAC engine per layer (see `layerModule`), chained by valid/ready streams, in a
 * top module with ports `clk`, `rst`, `in_valid/in_ready/in_data` (one input code per beat),
 * `out_valid/out_ready/out_data/out_last` (one output code per beat). Bit-exact with
 * `runQuantizedMlp`.
 *
 * Pure: returns strings (Verilog, `$readmemh` hex files), writes nothing.
 *
 * @throws {@link VerilogError} (`unsupported-unit`, `unsupported-width`, `bad-option`,
 *   `bad-model`); the `QuantizationError`s of `validateQuantizedMlp`.
 *
 * @example
 * ```ts
 * import { generateMlp } from '@latentkit/verilog';
 *
 * const design = generateMlp(q, { name: 'decoder', lanes: 4 }); // q: a QuantizedMlp
 * design.top; // → 'decoder'
 * design.files; // file name → Verilog-2001 text (layers, ROMs, activation units, the top)
 * design.io; // { inputCount, inputFormat, outputCount, outputFormat, hasSample }
 * ```
 */
export function generateMlp(q: QuantizedMlp, options: DesignOptions = {}): VerilogDesign {
  checkDesignOptions(options, 'generateMlp');
  checkModelForVerilog(q);
  const top = sanitizeIdentifier(options.name ?? 'lk_mlp');
  const used = [top, REQUANT_MODULE_NAME];
  const chain = layerChain(q, top, 'in', 'out', options, 0, used);
  const first = q.layers[0]!;
  const last = q.layers[q.layers.length - 1]!;
  const topText =
    fileHeader(
      `Core '${top}': quantized MLP, ${q.layers.map((l) => l.inFeatures).join(' -> ')} -> ${last.outFeatures}.`,
      [
        'Streams: one code per beat, valid/ready handshakes; out_last marks the last code of a vector.',
      ],
    ) +
    corePorts(top, first.input.width, last.output.width, false) +
    chain.body +
    `endmodule\n`;
  const files: Record<string, string> = {
    [`${REQUANT_MODULE_NAME}.v`]: REQUANT_MODULE,
    ...chain.sources,
    [`${top}.v`]: topText,
    ...chain.hexFiles,
  };
  return {
    top,
    files,
    sources: [`${REQUANT_MODULE_NAME}.v`, ...Object.keys(chain.sources), `${top}.v`],
    io: {
      inputCount: first.inFeatures,
      inputFormat: first.input,
      outputCount: last.outFeatures,
      outputFormat: last.output,
      hasSample: false,
    },
    layers: chain.layers,
  };
}
