// The worker-thread side of `createParallelEngine` (Node only; its own build entry, started by
// parallel-engine.ts). Each worker owns a tfjs backend and a replica of the model built from its
// JSON config; per step it loads the shared parameters, computes the loss and gradients of its
// rows, and after a barrier runs the summed-gradient Adam update of its slice of the flat vector.
import { parentPort, workerData } from 'node:worker_threads';
import { type BackendName, initBackend, tf, valueAndParamGrads } from '@latentkit/tensor';
import {
  type AdamHyper,
  type AdamKernel,
  adamCoefficients,
  createAdamKernel,
  heapReader,
} from '@latentkit/tensor/internal';
import { createModel } from '../../model/create-model.js';
import type { Model } from '../../model/model.js';
import type { ResolvedModelConfig } from '../../model/model-config.js';
import { denseVaePlan } from '../../training/dense-step/dense-vae-plan.js';
import {
  createDenseVaeStep,
  type DenseVaeStep,
  denseVaeEps,
  denseVaeLoss,
  denseVaeSeeds,
} from '../../training/dense-step/dense-vae-step.js';
import { gatherRowsInto } from '../../training/model-data.js';
import {
  createObjective,
  type Objective,
  type ObjectiveOptions,
} from '../../training/objective.js';
import { shardLossTerms } from './shard-loss-terms.js';
import {
  COMMAND,
  CTRL,
  ctrlLength,
  DECISION,
  JOB,
  JOB_FIELDS,
  learningRateAt,
  PHASE,
  PHASE_SLOTS,
  resultAt,
  type SharedLayout,
  shardRows,
  updateRange,
} from './shared-layout.js';

/** What the main thread passes in `workerData`. @internal */
export interface WorkerInit {
  index: number;
  memory: WebAssembly.Memory;
  layout: SharedLayout;
  config: ResolvedModelConfig;
  objective: ObjectiveOptions | undefined;
  adam: Omit<AdamHyper, 'lr'>;
  backend: BackendName;
}

/** One worker's replica of the model, its Adam kernel and its views of the shared memory. */
interface WorkerState {
  init: WorkerInit;
  /** This worker's index. */
  k: number;
  L: SharedLayout;
  /** Whether the backend is wasm (which copies arrays into its heap, so views can be passed). */
  onWasm: boolean;
  /** A tensor's values (on wasm a view of the heap: gradients are read and parameters written in place). */
  read: (t: tf.Tensor) => Float32Array;
  model: Model;
  objective: Objective;
  /** The model's variables in layout order. */
  vars: tf.Variable[];
  /** Layout index by parameter name. */
  names: Map<string, number>;
  kernel: AdamKernel;
  ctrl: Int32Array;
  results: Float64Array;
  steps: Int32Array;
  hasGrad: Int32Array;
  P: Float32Array;
  /** This worker's gradient vector. */
  G: Float32Array;
  /** Per staging slot: the batch, its labels and its row indices into `data`. */
  X: [Float32Array, Float32Array];
  labels: [Int32Array, Int32Array];
  rows: [Int32Array, Int32Array];
  /** The training data in shared memory (when placed there). */
  data: Float32Array | Uint8Array | undefined;
  /** This worker's rows gathered from `data` (a scratch the backend copies from). */
  scratch: Float32Array;
  /** This worker's running phase sums (see `PHASE`). */
  phases: Float64Array;
  conditional: boolean;
  /** The tape-free step, when it covers the model (else the tfjs path runs). */
  dense: DenseVaeStep | undefined;
}

async function setUp(init: WorkerInit): Promise<WorkerState> {
  const { index: k, memory, layout: L } = init;
  await initBackend({ backend: init.backend });
  const onWasm = tf.getBackend() === 'wasm';
  const read = heapReader(); // gradients go straight from the wasm heap into shared memory
  // Not used for its initial weights: they are loaded from shared memory before every step.
  const model = createModel(init.config, { seed: 0 });
  const objective = createObjective(init.objective, model.kind);
  const vars = L.params.map((p) => model.store.get(p.name));
  const names = new Map(L.params.map((p, i) => [p.name, i] as const));
  const kernel = createAdamKernel(memory);
  const buf = memory.buffer;
  const shapes = new Map(L.params.map((p) => [p.name, p.shape] as const));
  const plan = L.scratchBytes > 0 ? denseVaePlan(init.config, init.objective, shapes) : undefined;
  const at = (base: number) => new Map(L.params.map((p) => [p.name, base + 4 * p.offset] as const));
  const dense =
    plan &&
    createDenseVaeStep(plan, {
      memory,
      params: at(L.params0),
      grads: at(L.grads[k]!),
      scratch: L.scratch[k]!,
      maxRows: Math.ceil(L.batchSize / L.workers),
    });
  return {
    init,
    k,
    L,
    onWasm,
    read,
    model,
    objective,
    vars,
    names,
    kernel,
    ctrl: new Int32Array(buf, L.ctrl, ctrlLength(L.workers)),
    results: new Float64Array(buf, L.results, learningRateAt(L.workers) + 1),
    steps: new Int32Array(buf, L.steps, L.params.length),
    hasGrad: new Int32Array(buf, L.hasGrad, L.params.length * L.workers),
    P: new Float32Array(buf, L.params0, L.total),
    G: new Float32Array(buf, L.grads[k]!, L.total),
    X: [0, 1].map((s) => new Float32Array(buf, L.x[s]!, L.batchSize * L.rowSize)) as [
      Float32Array,
      Float32Array,
    ],
    labels: [0, 1].map((s) => new Int32Array(buf, L.labels[s]!, L.batchSize)) as [
      Int32Array,
      Int32Array,
    ],
    rows: [0, 1].map((s) => new Int32Array(buf, L.rows[s]!, L.batchSize)) as [
      Int32Array,
      Int32Array,
    ],
    data:
      L.dataType === 'uint8'
        ? new Uint8Array(buf, L.data, L.dataRows * L.rowSize)
        : L.dataType === 'float32'
          ? new Float32Array(buf, L.data, L.dataRows * L.rowSize)
          : undefined,
    scratch: new Float32Array(L.dataType ? Math.ceil(L.batchSize / L.workers) * L.rowSize : 0),
    conditional: init.config.numClasses > 0,
    phases: new Float64Array(buf, L.phases + 8 * PHASE_SLOTS * k, PHASE_SLOTS),
    dense,
  };
}

async function main(init: WorkerInit): Promise<void> {
  const w = await setUp(init);
  const { ctrl, k } = w;
  w.phases[PHASE.tapeFree] = w.dense ? 1 : 0;
  // Jobs 1, 2, … are staged by the calling thread; `job` is the last one this worker took.
  let job = Atomics.load(ctrl, CTRL.go);
  parentPort!.postMessage({ type: 'ready' });
  for (;;) {
    const waiting = performance.now();
    for (let go = Atomics.load(ctrl, CTRL.go); go === job; go = Atomics.load(ctrl, CTRL.go)) {
      Atomics.wait(ctrl, CTRL.go, go);
    }
    if (stopped(ctrl)) break;
    // Idle time counts from the second job on (the first waits for training to start).
    if (job > 0) w.phases[PHASE.idle]! += performance.now() - waiting;
    job++;
    if (!runJob(w, job)) break;
    Atomics.store(ctrl, CTRL.tensors + k, tf.memory().numTensors);
    Atomics.add(ctrl, CTRL.done, 1);
    Atomics.notify(ctrl, CTRL.done);
  }
  w.model.dispose();
  Atomics.store(ctrl, CTRL.tensors + k, tf.memory().numTensors);
}

/** A staged job's fields (`JOB`) in the control block. */
function jobField(ctrl: Int32Array, slot: number, field: number): number {
  return Atomics.load(ctrl, CTRL.job + slot * JOB_FIELDS + field);
}

/**
 * One job: this worker's rows (if it has any; an error is posted and flagged in `results`),
 * the barrier, then — once the calling thread has decided (it may have staged the job ahead of
 * asking for it) — the update of its slice if the job is to be applied and every active worker's
 * values are finite, and a second barrier, so that the next job reads the updated parameters.
 *
 * @returns false when the engine stopped while the job waited for its decision.
 */
function runJob(w: WorkerState, job: number): boolean {
  const { ctrl, results, k, L } = w;
  const slot = (job % 2) as 0 | 1;
  const size = jobField(ctrl, slot, JOB.size);
  const active = jobField(ctrl, slot, JOB.active);
  const out = resultAt(slot, k, L.workers);
  const { phases } = w;
  let t = performance.now();
  const lap = (phase: number): void => {
    const now = performance.now();
    phases[phase]! += now - t;
    t = now;
  };
  results[out + 3] = 1;
  if (k < active) {
    try {
      compute(w, slot, size, active);
    } catch (error) {
      results[out + 3] = 0;
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({
        type: 'error',
        name: e.name,
        message: e.message,
        stack: e.stack,
      });
    }
  }
  lap(PHASE.compute);
  if (!barrier(w)) return false;
  lap(PHASE.barrier);
  for (let d = Atomics.load(ctrl, CTRL.decided); d < job; d = Atomics.load(ctrl, CTRL.decided)) {
    if (stopped(ctrl)) return false;
    Atomics.wait(ctrl, CTRL.decided, d);
  }
  lap(PHASE.decision);
  let ok = Atomics.load(ctrl, CTRL.decision + slot) === DECISION.apply;
  for (let j = 0; j < active; j++) {
    const at = resultAt(slot, j, L.workers);
    for (let s = 0; s < 4; s++) ok &&= Number.isFinite(results[at + s]!);
    ok &&= results[at + 3] === 1;
  }
  if (ok) update(w, active);
  if (!barrier(w)) return false;
  lap(PHASE.update);
  phases[PHASE.jobs]! += 1;
  // Every worker has used the step counts of this update: count it (worker 0's gradient flags
  // are this job's until it computes the next one, which it has not started).
  if (ok && k === 0) for (let i = 0; i < L.params.length; i++) w.steps[i]! += w.hasGrad[i]!;
  return true;
}

/** Whether the calling thread has sent the stop command. */
function stopped(ctrl: Int32Array): boolean {
  return Atomics.load(ctrl, CTRL.command) === COMMAND.stop;
}

/**
 * Waits until every worker has arrived (the last one to arrive releases the others).
 *
 * @returns false if the engine stopped while this worker waited (the stop command wakes it).
 */
function barrier({ ctrl, L }: WorkerState): boolean {
  const gen = Atomics.load(ctrl, CTRL.barrier);
  if (Atomics.add(ctrl, CTRL.arrive, 1) === L.workers - 1) {
    Atomics.store(ctrl, CTRL.arrive, 0);
    Atomics.add(ctrl, CTRL.barrier, 1);
    Atomics.notify(ctrl, CTRL.barrier);
    return true;
  }
  while (Atomics.load(ctrl, CTRL.barrier) === gen) {
    if (stopped(ctrl)) return false;
    Atomics.wait(ctrl, CTRL.barrier, gen);
  }
  return true;
}

/** Forward and backward pass on this worker's rows; writes values, gradients and flags. */
function compute(w: WorkerState, slot: 0 | 1, size: number, active: number): void {
  const { k, L, P, ctrl, results, hasGrad, model, onWasm } = w;
  const out = resultAt(slot, k, L.workers);
  const [lo, hi] = shardRows(k, active, size);
  const n = hi - lo;
  if (w.dense) {
    computeDense(w, w.dense, slot, size, active);
    return;
  }
  tf.tidy(() => {
    L.params.forEach((p, i) => {
      const view = P.subarray(p.offset, p.offset + p.size);
      const variable = w.vars[i]!;
      if (onWasm) {
        // Written into the variable's own heap buffer: no allocation or tensor per parameter.
        // Safe here because nothing else in this worker holds the buffer between steps (the
        // tape's saved copies of this step are freed with its tidy).
        w.read(variable).set(view);
      } else {
        // Other backends keep the array they are given, so copy.
        variable.assign(tf.tensor(view.slice(), p.shape, 'float32'));
      }
    });
    const xv =
      jobField(ctrl, slot, JOB.fromData) === 1
        ? gatherShard(w, slot, lo, hi)
        : w.X[slot].subarray(lo * L.rowSize, hi * L.rowSize);
    const x = tf.tensor(onWasm ? xv : xv.slice(), [n, ...L.inputShape], 'float32');
    const rowLabels = w.conditional ? w.labels[slot].slice(lo, hi) : undefined;
    const step = jobField(ctrl, slot, JOB.step);
    let report: tf.Tensor | undefined;
    const { grads } = valueAndParamGrads(model.store, () => {
      const terms = shardLossTerms(model, x, {
        labels: rowLabels,
        epsSeed: jobField(ctrl, slot, JOB.epsSeed) >>> 0,
        offset: lo,
        total: size,
      });
      const v = w.objective.evaluate(terms, step);
      report = tf.keep(tf.stack([v.loss, v.recon, v.kl]));
      // Weighted by the shard's share, the shards' gradients add up to the batch gradient.
      return active === 1 ? v.loss : (tf.mul(v.loss, n / size) as tf.Scalar);
    });
    const values = report!.dataSync();
    report!.dispose();
    for (let j = 0; j < 3; j++) results[out + j] = values[j]!;
    hasGrad.fill(0, k * L.params.length, (k + 1) * L.params.length);
    for (const [name, g] of Object.entries(grads)) {
      const i = w.names.get(name)!;
      w.G.set(w.read(g), L.params[i]!.offset);
      hasGrad[k * L.params.length + i] = 1;
    }
  });
}

/**
 * The tape-free {@link compute}: the same loss, gradients and values (see dense-vae-step.ts),
 * with the parameters read from and the gradients written to shared memory in place.
 */
function computeDense(
  w: WorkerState,
  step: DenseVaeStep,
  slot: 0 | 1,
  size: number,
  active: number,
): void {
  const { k, L, ctrl, results, hasGrad } = w;
  const out = resultAt(slot, k, L.workers);
  const [lo, hi] = shardRows(k, active, size);
  const n = hi - lo;
  let x = L.x[slot] + 4 * lo * L.rowSize;
  if (jobField(ctrl, slot, JOB.fromData) === 1) {
    const view = new Float32Array(w.init.memory.buffer, step.inputAt, n * L.rowSize);
    gatherShard(w, slot, lo, hi, view);
    x = step.inputAt;
  }
  // The rows of the whole batch's ε draw, as shardLossTerms takes them.
  const eps =
    w.model.kind === 'vae'
      ? denseVaeEps(jobField(ctrl, slot, JOB.epsSeed) >>> 0, lo, hi, w.model.latentDim)
      : undefined;
  const klWeight = w.objective.klWeight(jobField(ctrl, slot, JOB.step));
  const means = step.run({ x, rows: n, eps, ...denseVaeSeeds(n, size, active, klWeight) });
  const { recon, kl } = means;
  results[out] = denseVaeLoss(means, klWeight);
  results[out + 1] = recon;
  results[out + 2] = kl;
  hasGrad.fill(1, k * L.params.length, (k + 1) * L.params.length);
}

/**
 * Rows `[lo, hi)` of the batch gathered from the shared data into the scratch (or `into`),
 * scaled as `train` gathers them, so the values are the same.
 */
function gatherShard(
  w: WorkerState,
  slot: 0 | 1,
  lo: number,
  hi: number,
  into?: Float32Array,
): Float32Array {
  const { data, scratch, L } = w;
  const out = into ?? scratch.subarray(0, (hi - lo) * L.rowSize);
  return gatherRowsInto(data!, L.rowSize, w.rows[slot].subarray(lo, hi), out);
}

/** Sums the active workers' gradients and runs Adam on this worker's slice. */
function update(w: WorkerState, active: number): void {
  const { k, L, results, hasGrad, steps, kernel } = w;
  const [start, end] = updateRange(k, L.workers, L.total);
  const lr = results[learningRateAt(L.workers)]!;
  L.params.forEach((p, i) => {
    const lo = Math.max(start, p.offset);
    const hi = Math.min(end, p.offset + p.size);
    if (lo >= hi || hasGrad[i] !== 1) return; // worker 0 is always active
    const g0 = L.grads[0]! + 4 * lo;
    for (let j = 1; j < active; j++) kernel.add(g0, L.grads[j]! + 4 * lo, hi - lo);
    const c = adamCoefficients({ ...w.init.adam, lr }, steps[i]! + 1);
    kernel.adam(L.params0 + 4 * lo, g0, L.m + 4 * lo, L.v + 4 * lo, hi - lo, c);
  });
}

if (parentPort && workerData) {
  main(workerData as WorkerInit).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ type: 'fatal', name: e.name, message: e.message, stack: e.stack });
  });
}
