import type { QuantizedMlp } from '@latentkit/quantize';
import { uniqueIdentifiers } from '../hdl/identifier.js';
import { layerModule } from '../layer/layer-module.js';
import { type DesignOptions, lanesFor } from './design-options.js';
import type { LayerSummary } from './verilog-design.js';

/** The layer modules of one MLP and the Verilog that chains them inside a parent module. */
export interface LayerChain {
  /** `.v` file name → text, one per layer. */
  sources: Record<string, string>;
  /** `$readmemh` files. */
  hexFiles: Record<string, string>;
  /** Declarations and instances to paste into the parent module. */
  body: string;
  /** Summaries. */
  layers: LayerSummary[];
}

/**
 * Builds the layers of `q` as modules `<prefix>_<layer name>` and chains them: the first layer
 * reads `<input>_valid/_ready/_data`, the last drives `<output>_valid/_ready/_data/_last`
 * (wires the parent declares or ports).
 *
 * @param indexOffset - Index of the first layer in {@link DesignOptions.lanes}.
 * @param usedNames - Identifiers already taken in the design (updated).
 */
export function layerChain(
  q: QuantizedMlp,
  prefix: string,
  input: string,
  output: string,
  options: DesignOptions,
  indexOffset: number,
  usedNames: string[],
): LayerChain {
  const all = uniqueIdentifiers([...usedNames, ...q.layers.map((l) => `${prefix}_${l.name}`)]);
  const names = all.slice(usedNames.length);
  usedNames.push(...names);
  const sources: Record<string, string> = {};
  const hexFiles: Record<string, string> = {};
  const layers: LayerSummary[] = [];
  let body = '';
  q.layers.forEach((layer, k) => {
    const name = names[k]!;
    const lanes = lanesFor(options, {
      name: layer.name,
      index: indexOffset + k,
      outFeatures: layer.outFeatures,
    });
    const mod = layerModule(name, layer, {
      lanes,
      romStyle: options.romStyle ?? 'block',
      biasRomStyle: options.biasRomStyle, // default by size: see defaultBiasRomStyle
      lutRomStyle: options.lutRomStyle ?? 'block',
      pipelinePost: options.pipelinePost ?? false,
      targetClockMHz: options.targetClockMHz ?? 100,
    });
    sources[`${name}.v`] = mod.text;
    Object.assign(hexFiles, mod.files);
    layers.push({
      module: name,
      layer: layer.name,
      inFeatures: layer.inFeatures,
      outFeatures: layer.outFeatures,
      lanes,
      unit: layer.activation.kind,
      computeCycles: mod.computeCycles,
    });
    const src = k === 0 ? input : `${name}_in`;
    const last = k === q.layers.length - 1;
    const dst = last ? output : `${names[k + 1]}_in`;
    if (!last) {
      const w = layer.output.width;
      body += `  wire ${dst}_valid, ${dst}_ready;\n` + `  wire signed [${w - 1}:0] ${dst}_data;\n`;
    }
    body +=
      `  ${name} u_${name} (\n` +
      `    .clk(clk), .rst(rst),\n` +
      `    .in_valid(${src}_valid), .in_ready(${src}_ready), .in_data(${src}_data),\n` +
      `    .out_valid(${dst}_valid), .out_ready(${dst}_ready), .out_data(${dst}_data), ` +
      `.out_last(${last ? `${dst}_last` : ''})\n` +
      `  );\n`;
  });
  return { sources, hexFiles, body, layers };
}
