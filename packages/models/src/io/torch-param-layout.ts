import type { TorchLayer } from './torch-layer-plan.js';

/**
 * Where each element of a latentkit parameter sits in the PyTorch tensor holding it:
 * `latentkit[i] = torch[source[i]]` (a permutation, so export is the scatter
 * `torch[source[i]] = latentkit[i]`).
 *
 * @internal
 */
export interface TorchParamLayout {
  /** Shape of the tensor in a PyTorch state dict. */
  torchShape: number[];
  /** Shape of the latentkit parameter. */
  latentkitShape: number[];
  /** Flat PyTorch index of each flat latentkit index. */
  source: Int32Array;
}

/** latentkit's flat (h, w, c) feature index → PyTorch's flat (c, h, w) index. */
function featureMapIndex(i: number, [h, w, c]: readonly [number, number, number]): number {
  if (i >= h * w * c) return i; // a CVAE's label features follow the feature map in both
  const ci = i % c;
  const wi = Math.floor(i / c) % w;
  const hi = Math.floor(i / (c * w));
  return (ci * h + hi) * w + wi;
}

/** latentkit's channel (i·r + j)·C + k before depth-to-space → PixelShuffle's k·r² + i·r + j. */
function shuffleIndex(channel: number, r: number, channels: number): number {
  if (r === 1) return channel;
  const c = channels / (r * r);
  const k = channel % c;
  const ij = Math.floor(channel / c);
  return k * r * r + ij;
}

/** Output-unit reordering of a layer: latentkit output index → PyTorch output index. */
function outputIndex(layer: TorchLayer, o: number): number {
  if (layer.outputFeatureMap) return featureMapIndex(o, layer.outputFeatureMap);
  if (layer.pixelShuffle) return shuffleIndex(o, layer.pixelShuffle, layer.outputs);
  return o;
}

/**
 * The layout of `<layer>.weight` or `<layer>.bias` in PyTorch and in latentkit.
 *
 * @internal
 */
export function torchParamLayout(layer: TorchLayer, param: 'weight' | 'bias'): TorchParamLayout {
  const { inputs: cin, outputs: cout, kernel: k } = layer;
  if (param === 'bias') {
    const source = new Int32Array(cout);
    for (let o = 0; o < cout; o++) source[o] = outputIndex(layer, o);
    return { torchShape: [cout], latentkitShape: [cout], source };
  }
  if (layer.module === 'linear') {
    // latentkit [in, out] ← torch [out, in]
    const source = new Int32Array(cin * cout);
    for (let i = 0; i < cin; i++) {
      const ti = layer.inputFeatureMap ? featureMapIndex(i, layer.inputFeatureMap) : i;
      for (let o = 0; o < cout; o++) source[i * cout + o] = outputIndex(layer, o) * cin + ti;
    }
    return { torchShape: [cout, cin], latentkitShape: [cin, cout], source };
  }
  const source = new Int32Array(k * k * cin * cout);
  const transposed = layer.module === 'convTranspose2d';
  // latentkit conv2d [kh, kw, in, out] ← torch [out, in, kh, kw];
  // latentkit conv2dTranspose [kh, kw, out, in] ← torch [in, out, kh, kw].
  const [a, b] = transposed ? [cout, cin] : [cin, cout];
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      for (let p = 0; p < a; p++) {
        for (let q = 0; q < b; q++) {
          const t = transposed ? (q * cout + p) * k * k : (outputIndex(layer, q) * cin + p) * k * k;
          source[((y * k + x) * a + p) * b + q] = t + y * k + x;
        }
      }
    }
  }
  return {
    torchShape: transposed ? [cin, cout, k, k] : [cout, cin, k, k],
    latentkitShape: [k, k, a, b],
    source,
  };
}
