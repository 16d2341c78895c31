/**
 * Training throughput of the reference model (pytorch/examples VAE: 784-400-20 MLP, ReLU, batch
 * 128, Adam 1e-3, BCE summed + KL, grey-level MNIST) in this package's `train` loop, plus a
 * `tf.profile` of one step (kernel counts). Not a test: run `npx tsx bench/train-speed.ts [steps]`.
 */
import { loadMnistSync } from '@latentkit/datasets/node';
import { adam, initBackend, tf, valueAndParamGrads } from '@latentkit/tensor';
import { createModel } from '../src/model/create-model.js';
import { createObjective } from '../src/training/objective.js';
import { train } from '../src/training/train.js';

const steps = Number(process.argv[2] ?? 300);
const info = await initBackend({ backend: 'wasm' });
const mnist = loadMnistSync();
const n = steps * 128;
const x = mnist.train.images.subarray(0, Math.min(n, 60000) * 784);
const model = createModel(
  { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } },
  1,
);
const warm = 20;
let tWarm = 0;
let done = 0;
await train(
  model,
  { x },
  {
    epochs: Math.ceil(n / 60000),
    batchSize: 128,
    seed: 1,
    onBatch: (b) => {
      if (b.step === warm - 1) tWarm = performance.now();
      if (b.step >= warm) done += b.size;
    },
  },
);
const seconds = (performance.now() - tWarm) / 1000;
console.log(
  `backend ${info.name} (simd ${info.simd}, threads ${info.threads}): ${steps} steps, ` +
    `${(done / seconds).toFixed(0)} samples/s after ${warm} warm-up steps`,
);

// One step profiled, as train runs it.
const opt = adam({ lr: 1e-3 });
const objective = createObjective({}, 'vae');
const batch = tf.tensor2d(
  Float32Array.from(x.subarray(0, 128 * 784), (v) => v / 255),
  [128, 784],
);
const step = () =>
  tf.tidy(() => {
    const { value, grads } = valueAndParamGrads(
      model.store,
      () => objective.evaluate(model.lossTerms(batch, { seed: 1 }), 0).loss,
    );
    value.dataSync();
    opt.step(grads, model.store);
  });
step();
const profile = await tf.profile(step);
const byKernel = new Map<string, { count: number; ms: number }>();
for (const k of profile.kernels) {
  const e = byKernel.get(k.name) ?? { count: 0, ms: 0 };
  e.count++;
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
console.log(
  `one step: ${profile.kernels.length} kernel launches, ${total.toFixed(1)} ms kernel time`,
);
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${name.padEnd(20)} ×${String(e.count).padStart(3)}  ${e.ms.toFixed(2)} ms`);
}
batch.dispose();
opt.dispose();
model.dispose();
