/**
 * CPU time per training step and kernel profile of the `vqvae` bench suite's model
 * (`mnistVqvaeConfig`: conv encoder 32-64, K = 128, D = 16, EMA + restarts; MNIST, batch 128, this
 * thread, the default local engine with Adam). Not a test:
 * `npx tsx bench/vqvae-step-profile.ts [steps] [profile: 0|1]`.
 * Prints the median and mean CPU ms per step (process user + system time around each engine step,
 * so a loaded machine inflates it less than wall time) after 10 warm-up steps, then (profile = 1)
 * the kernels of one step by total time.
 */
import { loadMnistSync } from '@latentkit/datasets/node';
import { initBackend, tf } from '@latentkit/tensor';
import { createModel } from '../src/model/create-model.js';
import { mnistVqvaeConfig } from '../src/model/mnist-vqvae-config.js';
import { localEngine } from '../src/training/local-engine.js';
import { train } from '../src/training/train.js';

const steps = Number(process.argv[2] ?? 40);
const doProfile = (process.argv[3] ?? '1') === '1';
await initBackend({ backend: 'wasm' });
const mnist = loadMnistSync();
const warm = 10;
const profiled = 5;
const n = (steps + warm + profiled) * 128;
const x = mnist.train.images.slice(0, n * 784);
const model = createModel(mnistVqvaeConfig(), { seed: 1 });
const times: number[] = [];
const profiles: Awaited<ReturnType<typeof tf.profile>>[] = [];
await train(
  model,
  { x, n },
  {
    epochs: 1,
    batchSize: 128,
    learningRate: 1e-3,
    seed: 1,
    engine: async (ctx) => {
      const e = await localEngine(ctx);
      return {
        ...e,
        step: async (b) => {
          if (b.step >= warm + steps && doProfile) {
            let out: ReturnType<typeof e.step> | undefined;
            profiles.push(
              await tf.profile(() => {
                out = e.step(b);
                return tf.scalar(0);
              }),
            );
            return out!;
          }
          const c0 = process.cpuUsage();
          const r = e.step(b);
          const c1 = process.cpuUsage(c0);
          if (b.step >= warm) times.push((c1.user + c1.system) / 1000);
          return r;
        },
      };
    },
  },
);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  `steps ${times.length}: median ${median.toFixed(2)} ms, mean ${mean.toFixed(2)} ms CPU per step`,
);
if (profiles.length > 0) {
  // Per kernel (name and input shapes): the median over the profiled steps of its summed time.
  const perStep = profiles.map((p) => {
    const m = new Map<string, { count: number; ms: number }>();
    for (const k of p.kernels) {
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const e = m.get(key) ?? { count: 0, ms: 0 };
      e.count++;
      e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      m.set(key, e);
    }
    return m;
  });
  const keys = new Set(perStep.flatMap((m) => [...m.keys()]));
  const rows = [...keys].map((key) => {
    const ms = perStep.map((m) => m.get(key)?.ms ?? 0).sort((a, b) => a - b);
    return { key, count: perStep[0]!.get(key)?.count ?? 0, ms: ms[Math.floor(ms.length / 2)]! };
  });
  const total = rows.reduce((a, r) => a + r.ms, 0);
  const scoped = rows.filter((r) => r.key.startsWith('unnamed')).reduce((a, r) => a + r.ms, 0);
  console.log(
    `${profiles[0]!.kernels.length} kernels per step; median kernel ms over ${profiles.length} steps: ${total.toFixed(1)} (of which ${scoped.toFixed(1)} in 'unnamed scope' rows, which include their inner kernels)`,
  );
  for (const r of rows.sort((a, b) => b.ms - a.ms).slice(0, 40)) {
    console.log(`  ${r.ms.toFixed(2).padStart(7)} ms ×${String(r.count).padStart(3)}  ${r.key}`);
  }
}
