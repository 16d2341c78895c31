/**
 * Conv gradients on tfjs-wasm, before and after latentkit's fast forms, on a VQ-VAE's conv stack
 * (28×28×1 → 3×3 conv 32 s2 → 3×3 conv 64 s2 → 1×1 to 16; decoder 3×3 conv 16→64, then
 * conv2dTranspose 64→32→1 s2, or sub-pixel convs) at batch 128 and 64, and a PixelCNN prior's
 * convolutions (7×7 grid, 128 channels, 7×7 and 3×3 kernels and the masked layers' 'valid'
 * parts, batch 64).
 *
 * - dx: `tf.conv2dTranspose` (the stock input gradient, wasm's loop kernel `Conv2DBackpropInput`)
 *   against `conv2dInputGrad` (one stride-1 `Conv2D` + pixel shuffle);
 * - dW: the im2col product (the gradient registry's first form), one `Conv2D` over the batch axis
 *   (the form before the wasm kernel) and `conv2dFilterGrad`'s automatic choice (the SIMD im2col
 *   gather + GEMM kernel on tfjs-wasm);
 * - one training step (forward + all parameter gradients) of the conv encoder + decoder, with the
 *   old gradient forms, the new ones, and the new ones plus `conv2dTransposeByConv` as the
 *   decoder's forward.
 *
 * The variants run alternately, `reps` times each; prints the median wall and CPU time
 * (`process.cpuUsage`, robust to other load on a shared machine) in ms. Not a test:
 * `npx tsx bench/conv-grad-bench.ts [reps] [filter]`.
 */

import { convGradients } from '../src/gradients/conv-gradients.js';
import { conv2dInputGrad } from '../src/gradients/conv-input-grad.js';
import {
  conv2d,
  conv2dFilterGrad,
  conv2dTranspose,
  createParamStore,
  initBackend,
  type Layer,
  tf,
  valueAndParamGrads,
} from '../src/index.js';
import { conv2dTransposeByConv } from '../src/ops/conv2d-transpose-by-conv.js';

const reps = Number(process.argv[2] ?? 7);
const filter = process.argv[3] ?? '';
await initBackend({ backend: 'wasm' });

type Shape4 = [number, number, number, number];
type Timing = { wall: number; cpu: number };

/** Median wall and CPU time of each function, run alternately after 2 warm-up calls each. */
function measure(fns: Record<string, () => void>): Record<string, Timing> {
  const names = Object.keys(fns);
  const runs = Object.fromEntries(
    names.map((k) => [k, { wall: [] as number[], cpu: [] as number[] }]),
  );
  for (const k of names) for (let i = 0; i < 2; i++) fns[k]!();
  for (let r = 0; r < reps; r++) {
    for (const k of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fns[k]!();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      runs[k]!.wall.push(wall);
      runs[k]!.cpu.push((c.user + c.system) / 1000);
    }
  }
  const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)]!;
  return Object.fromEntries(
    names.map((k) => [k, { wall: median(runs[k]!.wall), cpu: median(runs[k]!.cpu) }]),
  );
}

/** Runs `f` and reads its result back (so the work is done), freeing everything. */
const sync = (f: () => tf.Tensor) => () => {
  tf.tidy(() => {
    f().dataSync();
  });
};

function show(label: string, timings: Record<string, Timing>): void {
  const parts = Object.entries(timings).map(
    ([k, t]) => `${k} ${t.cpu.toFixed(1)} (${t.wall.toFixed(1)})`,
  );
  const [before, after] = Object.values(timings);
  const ratio = before && after ? `  ×${(before.cpu / after.cpu).toFixed(1)}` : '';
  console.log(`${label.padEnd(34)} ${parts.join('  ')}${ratio}`);
}

const shapes: [string, Shape4, Shape4, number, 'same' | 'valid'][] = [];
for (const n of [128, 64]) {
  shapes.push(
    [`enc1 / dec out, n${n}`, [n, 28, 28, 1], [3, 3, 1, 32], 2, 'same'],
    [`enc2 / dec up1, n${n}`, [n, 14, 14, 32], [3, 3, 32, 64], 2, 'same'],
    [`enc3 1×1, n${n}`, [n, 7, 7, 64], [1, 1, 64, 16], 1, 'same'],
    [`dec proj, n${n}`, [n, 7, 7, 16], [3, 3, 16, 64], 1, 'same'],
    [`sub-pixel up1, n${n}`, [n, 7, 7, 64], [3, 3, 64, 128], 1, 'same'],
    [`sub-pixel out, n${n}`, [n, 14, 14, 32], [3, 3, 32, 4], 1, 'same'],
  );
}
shapes.push(
  ['pixelcnn 7×7 same', [64, 7, 7, 128], [7, 7, 128, 128], 1, 'same'],
  ['pixelcnn 3×3 same', [64, 7, 7, 128], [3, 3, 128, 128], 1, 'same'],
  ['pixelcnn B 7×7 rows above', [64, 9, 13, 128], [3, 7, 128, 128], 1, 'valid'],
  ['pixelcnn B 7×7 centre row', [64, 7, 10, 128], [1, 4, 128, 128], 1, 'valid'],
  ['pixelcnn B 3×3 rows above', [64, 7, 9, 128], [1, 3, 128, 128], 1, 'valid'],
  ['pixelcnn B 3×3 centre row', [64, 7, 8, 128], [1, 2, 128, 128], 1, 'valid'],
);

console.log('CPU ms (wall ms), median; before → after');
for (const [label, xShape, wShape, s, pad] of shapes) {
  if (!label.includes(filter)) continue;
  const x = tf.randomNormal(xShape, 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal(wShape, 0, 1, 'float32', 2) as tf.Tensor4D;
  const yShape = tf.backend_util.computeConv2DInfo(xShape, wShape, s, 1, pad).outShape;
  const dy = tf.randomNormal(yShape, 0, 1, 'float32', 3) as tf.Tensor4D;
  show(
    `${label}: dx`,
    measure({
      conv2dTranspose: sync(() => tf.conv2dTranspose(dy, w, xShape, s, pad)),
      conv2dInputGrad: sync(() => conv2dInputGrad(dy, w, xShape, s, pad)),
    }),
  );
  show(
    `${label}: dW`,
    measure({
      batchConv: sync(() =>
        conv2dFilterGrad(x, dy, wShape, s, pad, 1, undefined, { method: 'batchConv' }),
      ),
      auto: sync(() => conv2dFilterGrad(x, dy, wShape, s, pad)),
    }),
  );
  show(
    `${label}: forward conv2d (scale)`,
    measure({ conv2d: sync(() => tf.conv2d(x, w, s, pad)) }),
  );
  tf.dispose([x, w, dy]);
}

/** The registry's conv gradients as they were: conv2dTranspose for dx, im2col for dW. */
const oldGradients: tf.GradConfig[] = convGradients.map((config) => ({
  ...config,
  gradFunc: (dy, saved, attrs): Record<string, () => tf.Tensor> => {
    const strides = attrs.strides as number | [number, number];
    const pad = attrs.pad as 'same' | 'valid' | number;
    const im2col = { method: 'im2col' } as const;
    const [a, f] = saved as [tf.Tensor4D, tf.Tensor4D];
    const fShape = f.shape as Shape4;
    const g = dy as tf.Tensor4D;
    if (config.kernelName === 'Conv2D') {
      return {
        x: () => tf.conv2dTranspose(g, f, a.shape, strides, pad),
        filter: () => conv2dFilterGrad(a, g, fShape, strides, pad, 1, undefined, im2col),
      };
    }
    return {
      dy: () => tf.conv2d(g, f, strides, pad),
      filter: () => conv2dFilterGrad(g, a, fShape, strides, pad, 1, undefined, im2col),
    };
  },
}));
const useGradients = (configs: tf.GradConfig[]) => {
  for (const c of configs) {
    tf.unregisterGradient(c.kernelName);
    tf.registerGradient(c);
  }
};

for (const batch of [128, 64]) {
  if (!'step'.includes(filter) && filter !== '') break;
  const store = createParamStore();
  const same = { padding: 'same' as const, kernelSize: 3 };
  const relu = { activation: 'relu' as const };
  const encoder: Layer[] = [
    conv2d(store, 'enc1', { inChannels: 1, outChannels: 32, stride: 2, ...same, ...relu, seed: 1 }),
    conv2d(store, 'enc2', {
      inChannels: 32,
      outChannels: 64,
      stride: 2,
      ...same,
      ...relu,
      seed: 2,
    }),
    conv2d(store, 'enc3', { inChannels: 64, outChannels: 16, kernelSize: 1, seed: 3 }),
    conv2d(store, 'proj', { inChannels: 16, outChannels: 64, ...same, ...relu, seed: 4 }),
  ];
  const up1 = conv2dTranspose(store, 'up1', {
    inChannels: 64,
    outChannels: 32,
    stride: 2,
    ...same,
    ...relu,
    seed: 5,
  });
  const out = conv2dTranspose(store, 'out', {
    inChannels: 32,
    outChannels: 1,
    stride: 2,
    ...same,
    seed: 6,
  });
  const x = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 1);
  /** The decoder's transposed convs through `conv2dTransposeByConv` (same parameters). */
  const byConv = (layer: Layer, h: tf.Tensor, shape: Shape4, act: boolean) => {
    const z = tf.add(
      conv2dTransposeByConv(h as tf.Tensor4D, layer.params.weight as tf.Tensor4D, shape, 2, 'same'),
      layer.params.bias!,
    );
    return act ? tf.relu(z) : z;
  };
  const step = (fastForward: boolean) => () => {
    const { value, grads } = valueAndParamGrads(store, () =>
      tf.tidy(() => {
        let h: tf.Tensor = x;
        for (const layer of encoder) h = layer.apply(h);
        h = fastForward ? byConv(up1, h, [batch, 14, 14, 32], true) : up1.apply(h);
        h = fastForward ? byConv(out, h, [batch, 28, 28, 1], false) : out.apply(h);
        return tf.mean(tf.squaredDifference(h, x)) as tf.Scalar;
      }),
    );
    value.dataSync();
    for (const g of Object.values(grads)) g.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const variant = (configs: tf.GradConfig[], fastForward: boolean) => () => {
    useGradients(configs);
    step(fastForward)();
  };
  show(
    `training step, batch ${batch}`,
    measure({
      before: variant(oldGradients, false),
      after: variant(convGradients, false),
      'after + conv2dTransposeByConv': variant(convGradients, true),
    }),
  );
  useGradients(convGradients);
  tf.dispose(x);
}
