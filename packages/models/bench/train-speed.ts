/**
 * Training throughput of the reference model (pytorch/examples VAE: 784-400-20 MLP, ReLU, batch
 * 128, Adam 1e-3, BCE summed + KL, grey-level MNIST) in this package's `train` loop.
 * Not a test. Run `npx tsx bench/train-speed.ts [steps] [engine] [workers] [repeats]` where
 * engine is `local` (default: this thread, `createAdam` of @latentkit/tensor, the fused Adam) or
 * `parallel`; `workers` defaults to the core count.
 * Prints samples/s after 20 warm-up steps, one line per repeat, the loss after the run, and the
 * CPU time per step of the main thread and of the other threads (the workers) from
 * /proc/self/task — on a shared machine, wall-clock throughput drops with the load while CPU
 * time per step does not, so 128 / max(CPU per thread) bounds the throughput on free cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadMnistSync } from '@latentkit/datasets/node';
import { initBackend } from '@latentkit/tensor';
import { createModel } from '../src/model/create-model.js';
import { createParallelEngine } from '../src/node/parallel/parallel-engine.js';
import { train } from '../src/training/train.js';

const steps = Number(process.argv[2] ?? 300);
const engineName = process.argv[3] ?? 'local';
const workers = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const repeats = Number(process.argv[5] ?? 1);
const info = await initBackend({ backend: 'wasm' });

/** CPU milliseconds (user + system) of this process's main thread and of all its threads. */
function cpuMs(): { main: number; all: number } {
  const ticks = (tid: string): number => {
    try {
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
    } catch {
      return 0; // the thread ended
    }
  };
  const tids = readdirSync('/proc/self/task');
  return { main: ticks(String(process.pid)), all: tids.reduce((a, t) => a + ticks(t), 0) };
}
const mnist = loadMnistSync();
const warm = 20;
const n = Math.min(steps + warm, 468) * 128;
const x = mnist.train.images.subarray(0, n * 784);
for (let r = 0; r < repeats; r++) {
  const model = createModel(
    { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } },
    { seed: 1 },
  );
  const engine = engineName === 'parallel' ? createParallelEngine({ workers }) : undefined;
  let tWarm = 0;
  let cpu0 = { main: 0, all: 0 };
  let cpu1 = { main: 0, all: 0 };
  let done = 0;
  let last = 0;
  const t0 = performance.now();
  await train(
    model,
    { x },
    {
      epochs: Math.ceil(((steps + warm) * 128) / n),
      batchSize: 128,
      seed: 1,
      ...(engine ? { engine } : {}),
      onBatch: (b) => {
        if (b.step === warm - 1) {
          tWarm = performance.now();
          cpu0 = cpuMs();
        }
        if (b.step >= warm) done += b.size;
        cpu1 = cpuMs();
        last = b.loss;
      },
    },
  );
  const seconds = (performance.now() - tWarm) / 1000;
  const stepsDone = done / 128;
  const mainCpu = (cpu1.main - cpu0.main) / stepsDone;
  const otherCpu = (cpu1.all - cpu0.all - (cpu1.main - cpu0.main)) / stepsDone;
  const [load1] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  console.log(
    `${engineName}${engine ? ` (${workers ?? 'default'} workers)` : ''} on ${info.name} ` +
      `(simd ${info.simd}): ${(done / seconds).toFixed(0)} samples/s over ${done / 128} steps ` +
      `after ${warm} warm-up; total ${((performance.now() - t0) / 1000).toFixed(1)} s incl. ` +
      `start-up; last loss ${last.toFixed(2)}; CPU ms/step: main thread ${mainCpu.toFixed(1)}, ` +
      `other threads ${otherCpu.toFixed(1)}; load average ${load1}`,
  );
  model.dispose();
}
