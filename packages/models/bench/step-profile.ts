/**
 * Kernel profile of one training step (forward + backward, no optimizer) of the reference VAE for
 * a batch of `rows` (128 = one thread; 64 = one of two workers). Not a test:
 * `npx tsx bench/step-profile.ts [rows]`.
 */
import { initBackend, tf, valueAndParamGrads } from '@latentkit/tensor';
import { createModel } from '../src/model/create-model.js';
import { shardLossTerms } from '../src/node/parallel/shard-loss-terms.js';
import { createObjective } from '../src/training/objective.js';

const rows = Number(process.argv[2] ?? 128);
await initBackend({ backend: 'wasm' });
const model = createModel(
  { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } },
  { seed: 1 },
);
const objective = createObjective({}, 'vae');
const x = tf.randomUniform([rows, 784], 0, 1, 'float32', 1);
const step = () =>
  tf.tidy(() => {
    const { grads } = valueAndParamGrads(
      model.store,
      () =>
        objective.evaluate(shardLossTerms(model, x, { epsSeed: 1, offset: 0, total: rows }), 0)
          .loss,
    );
    for (const g of Object.values(grads)) g.dataSync();
  });
for (let i = 0; i < 5; i++) step();
const t0 = performance.now();
for (let i = 0; i < 20; i++) step();
console.log(`${rows} rows: ${((performance.now() - t0) / 20).toFixed(2)} ms per step (wall)`);
const profile = await tf.profile(step);
const byKernel = new Map<string, { count: number; ms: number }>();
for (const k of profile.kernels) {
  const key = `${k.name} ${k.name === 'BatchMatMul' || k.name === 'Mean' || k.name === 'Sign' ? JSON.stringify(k.inputShapes) : ''}`;
  const e = byKernel.get(key) ?? { count: 0, ms: 0 };
  e.count++;
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  byKernel.set(key, e);
}
const total = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
console.log(`${profile.kernels.length} kernels, ${total.toFixed(1)} ms kernel time`);
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
  console.log(`  ${name.padEnd(50)} ×${String(e.count).padStart(3)}  ${e.ms.toFixed(2)} ms`);
}
