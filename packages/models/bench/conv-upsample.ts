/**
 * Measures the two ways a convolutional decoder can upsample by 2 on the active backend:
 * a strided `conv2dTranspose`, or a stride-1 `conv2d` to s²·C channels followed by
 * `depthToSpace` (sub-pixel convolution). Forward + backward (parameter gradients) of one stage,
 * batch 128. Run: `npx tsx bench/conv-upsample.ts [wasm|cpu]`.
 */
import {
  conv2d,
  conv2dTranspose,
  createParamStore,
  initBackend,
  type Layer,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';

const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
await initBackend({ backend });

interface Case {
  label: string;
  h: number;
  cin: number;
  cout: number;
}
const cases: Case[] = [
  { label: '7×7×64 → 14×14×32', h: 7, cin: 64, cout: 32 },
  { label: '14×14×32 → 28×28×1', h: 14, cin: 32, cout: 1 },
];
const batch = 128;
const kernel = 3;
const reps = 5;

function time(fn: () => void): number {
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

for (const c of cases) {
  const store = createParamStore();
  const tconv: Layer = conv2dTranspose(store, 't', {
    inChannels: c.cin,
    outChannels: c.cout,
    kernelSize: kernel,
    stride: 2,
    padding: 'same',
    seed: 1,
  });
  const sub: Layer = conv2d(store, 's', {
    inChannels: c.cin,
    outChannels: c.cout * 4,
    kernelSize: kernel,
    padding: 'same',
    seed: 1,
  });
  const x = tf.randomNormal([batch, c.h, c.h, c.cin], 0, 1, 'float32', 1);
  const run = (f: () => tf.Tensor) => () => {
    const { value, grads } = valueAndParamGrads(store, () => tf.mean(tf.square(f())) as tf.Scalar);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const fwd = (f: () => tf.Tensor) => () => {
    const y = f();
    y.dataSync();
    y.dispose();
  };
  const tApply = () => tconv.apply(x);
  const sApply = () => tf.depthToSpace(sub.apply(x) as tf.Tensor4D, 2);
  console.log(
    `${backend} ${c.label}: conv2dTranspose fwd ${time(fwd(tApply)).toFixed(1)} ms, fwd+bwd ${time(run(tApply)).toFixed(1)} ms; ` +
      `conv2d+depthToSpace fwd ${time(fwd(sApply)).toFixed(1)} ms, fwd+bwd ${time(run(sApply)).toFixed(1)} ms`,
  );
  x.dispose();
  store.dispose();
}
