import type {
  ActivationUnit,
  QuantizedLayer,
  QuantizedMlp,
  QuantizedVae,
} from '@latentkit/quantize';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';
import { toHex } from '../hdl/hex.js';
import { layerRomFileName, layerRoms } from '../layer/layer-roms.js';
import { type DesignRom, designRoms, romName } from './design-roms.js';

/** A ROM of the design with the words the golden model says it must hold. */
export interface GoldenRom extends DesignRom {
  /** Expected words, as signed codes (`depth` of them). */
  words: number[];
}

function isVae(model: QuantizedMlp | QuantizedVae): model is QuantizedVae {
  return 'encoder' in model && 'decoder' in model;
}

function unitTable(unit: ActivationUnit): readonly number[] | undefined {
  if (unit.kind === 'lut') return unit.table;
  if (unit.kind === 'tanhViaSigmoid' && unit.sigmoid.kind === 'lut') return unit.sigmoid.table;
  return undefined;
}

/**
 * The expected contents of every ROM of `design` (see {@link designRoms}), computed from the
 * quantized model in TypeScript — never from the `.hex` files the design reads, so a corrupt or
 * stale `.hex` file cannot agree with itself:
 *
 * - a memory in a layer module (`design.layers[k].module`, layer `k` of the MLP, or of the VAE's
 *   encoder then decoder) is that layer's weight or bias ROM of its lane (`layerRoms` of the
 *   layer's quantized weights and biases with the design's lane count, matched by file name);
 * - a memory in a unit below a layer module is that layer's activation lookup table
 *   (`unit.table`, or the inner sigmoid's for tanh);
 * - a memory outside every layer of a VAE is the σ table of the reparameterization
 *   (`reparam.sigma.table`).
 *
 * @throws {@link VerilogError} (`bad-vectors`) when the design does not fit the model (layer count,
 *   a ROM with no counterpart in the model, a depth or a word that does not fit);
 *   the errors of {@link designRoms}.
 */
export function goldenRoms(design: VerilogDesign, model: QuantizedMlp | QuantizedVae): GoldenRom[] {
  const vae = isVae(model);
  const layers: readonly QuantizedLayer[] = vae
    ? [...model.encoder.layers, ...model.decoder.layers]
    : model.layers;
  if (layers.length !== design.layers.length) {
    throw new VerilogError(
      'bad-vectors',
      `the vectors' model has ${layers.length} layers, the design ${design.layers.length}`,
    );
  }
  const byModule = new Map(design.layers.map((l, k) => [l.module, k]));
  const images = new Map<number, Map<string, number[]>>();
  const layerImages = (k: number): Map<string, number[]> => {
    let m = images.get(k);
    if (!m) {
      const s = design.layers[k]!;
      const r = layerRoms(layers[k]!, s.lanes);
      m = new Map<string, number[]>([
        ...r.weights.map((w, p) => [layerRomFileName(s.module, 'w', p), w] as const),
        ...r.biases.map((b, p) => [layerRomFileName(s.module, 'b', p), b] as const),
      ]);
      images.set(k, m);
    }
    return m;
  };
  return designRoms(design).map((rom) => {
    const name = romName(rom);
    const at = rom.modules.findIndex((m) => byModule.has(m));
    let words: readonly number[] | undefined;
    if (at >= 0) {
      const k = byModule.get(rom.modules[at]!)!;
      words =
        at === rom.modules.length - 1
          ? layerImages(k).get(rom.file)
          : unitTable(layers[k]!.activation);
    } else if (vae) {
      words = model.reparam.sigma.table;
    }
    if (!words) {
      throw new VerilogError(
        'bad-vectors',
        `ROM '${name}' (${rom.file}) has no image in the model`,
      );
    }
    if (words.length !== rom.depth) {
      throw new VerilogError(
        'bad-vectors',
        `ROM '${name}' holds ${rom.depth} words, the model gives ${words.length}`,
      );
    }
    for (const w of words) toHex(w, rom.width);
    return { ...rom, words: [...words] };
  });
}
