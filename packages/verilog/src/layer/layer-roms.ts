import type { QuantizedLayer } from '@latentkit/quantize';
import { hexFile } from '../hdl/hex.js';
import { romStyleAttribute } from '../units/lut-module.js';

/** Contents of the per-lane weight and bias ROMs of one layer. */
export interface LayerRoms {
  /** Neuron groups: `ceil(outFeatures / lanes)`. */
  groups: number;
  /** `weights[p][g·inFeatures + i] = w[i][g·lanes + p]` (0 past the last neuron). */
  weights: number[][];
  /** `biases[p][g] = b[g·lanes + p]` (0 past the last neuron). */
  biases: number[][];
}

/**
 * Lays a layer's weights out for `lanes` parallel MACs: lane `p` computes neurons
 * `p, p + lanes, p + 2·lanes, …`, and its ROM is read at consecutive addresses
 * `g·inFeatures + i`, so one counter addresses every lane.
 */
export function layerRoms(layer: QuantizedLayer, lanes: number): LayerRoms {
  const m = layer.inFeatures;
  const n = layer.outFeatures;
  const groups = Math.ceil(n / lanes);
  const weights: number[][] = [];
  const biases: number[][] = [];
  for (let p = 0; p < lanes; p++) {
    const w = new Array<number>(groups * m).fill(0);
    const b = new Array<number>(groups).fill(0);
    for (let g = 0; g < groups; g++) {
      const j = g * lanes + p;
      if (j >= n) continue;
      b[g] = layer.biases[j]!;
      for (let i = 0; i < m; i++) w[g * m + i] = layer.weights[i * n + j]!;
    }
    weights.push(w);
    biases.push(b);
  }
  return { groups, weights, biases };
}

/** The `$readmemh` file of lane `lane`'s weight (`'w'`) or bias (`'b'`) ROM of layer module `name`. */
export function layerRomFileName(name: string, kind: 'w' | 'b', lane: number): string {
  return `${name}_${kind}${lane}.hex`;
}

/** The `$readmemh` files of {@link layerRoms}: `<name>_w<p>.hex` and `<name>_b<p>.hex`. */
export function layerRomFiles(
  name: string,
  layer: QuantizedLayer,
  roms: LayerRoms,
): Record<string, string> {
  const files: Record<string, string> = {};
  roms.weights.forEach((w, p) => {
    files[layerRomFileName(name, 'w', p)] = hexFile(
      w,
      layer.weightFormat.width,
      `${name} lane ${p} weights, address g*${layer.inFeatures}+i`,
    );
  });
  roms.biases.forEach((b, p) => {
    files[layerRomFileName(name, 'b', p)] = hexFile(
      b,
      layer.biasFormat.width,
      `${name} lane ${p} biases`,
    );
  });
  return files;
}

/**
 * Bias ROMs of at most this many words are built as distributed ROM by default: a 7-series LUT6
 * is a 64 × 1 ROM, so such a ROM costs one LUT per bit (e.g. 24 LUTs for 16 × 24-bit biases)
 * instead of a whole RAMB18 (18 Kbit) holding a few hundred bits.
 */
export const DISTRIBUTED_BIAS_MAX_WORDS = 64;

/**
 * The `rom_style` of a bias ROM of `words` words when the caller chose none:
 * `'distributed'` up to {@link DISTRIBUTED_BIAS_MAX_WORDS} words, else `romStyle` (the weight
 * ROMs' style, default `'block'`).
 */
export function defaultBiasRomStyle(
  words: number,
  romStyle: 'block' | 'distributed' | 'auto' = 'block',
): 'block' | 'distributed' | 'auto' {
  return words <= DISTRIBUTED_BIAS_MAX_WORDS ? 'distributed' : romStyle;
}

/**
 * The attribute text to put before a layer ROM's declaration (ends in a space or line break).
 * `'distributed'` is written for both tool families: Vivado reads `rom_style = "distributed"`
 * (LUTs as ROM), while Yosys cannot map a ROM onto its LUTRAM cells ("no valid mapping found")
 * and gets `rom_style = "logic"` (LUTs as logic, the same cells) under its predefined `YOSYS`
 * macro. `'block'`/`'auto'`: as `romStyleAttribute`.
 *
 * @throws `VerilogError` (`bad-option`) for a style outside the allowed set.
 */
export function layerRomAttribute(style: 'block' | 'distributed' | 'auto'): string {
  if (style !== 'distributed') return romStyleAttribute(style);
  return '`ifdef YOSYS\n  (* rom_style = "logic" *)\n  `else\n  (* rom_style = "distributed" *)\n  `endif\n  ';
}
