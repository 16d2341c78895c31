import type { QuantizedLayer } from '@latentkit/quantize';
import { hexFile } from '../hdl/hex.js';

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
