import {
  InvalidArgumentError,
  type OptimizerState,
  ShapeError,
  type TensorRecord,
} from '@latentkit/tensor';
import { checkNumber } from '../../internal/check.js';
import type { Model } from '../../model/model.js';
import type { EngineState } from '../../training/train-engine.js';
import { ctrlLength, learningRateAt, type SharedLayout } from './shared-layout.js';

// The main thread's side of a parallel run's shared memory: typed views of its regions, and the
// parameters and Adam state read from and written to them as records.

/** Typed views of the regions of the shared memory the main thread uses. */
export interface SharedViews {
  layout: SharedLayout;
  /** The control block (see `CTRL`). */
  ctrl: Int32Array;
  /** Per slot, each worker's `RESULT_SLOTS` values (see `resultAt`); then the learning rate at `lr`. */
  results: Float64Array;
  /** Index of the learning rate in `results`. */
  lr: number;
  /** Adam steps done per parameter. */
  steps: Int32Array;
  /** Per worker and parameter: 1 when the worker's last step had a gradient for it. */
  hasGrad: Int32Array;
  /** The flat parameter vector. */
  params: Float32Array;
  /** Adam's first moments (flat). */
  m: Float32Array;
  /** Adam's second moments (flat). */
  v: Float32Array;
  /** Per slot: the batch values. */
  x: [Float32Array, Float32Array];
  /** Per slot: the batch labels. */
  labels: [Int32Array, Int32Array];
  /** Per slot: the batch's row indices into the shared data. */
  rows: [Int32Array, Int32Array];
}

/** The views of `memory` laid out as `L`. */
export function sharedViews(memory: WebAssembly.Memory, L: SharedLayout): SharedViews {
  const buf = memory.buffer;
  const f32 = (at: number, n: number): Float32Array => new Float32Array(buf, at, n);
  const i32 = (at: number, n: number): Int32Array => new Int32Array(buf, at, n);
  const lr = learningRateAt(L.workers);
  return {
    layout: L,
    ctrl: i32(L.ctrl, ctrlLength(L.workers)),
    results: new Float64Array(buf, L.results, lr + 1),
    lr,
    steps: new Int32Array(buf, L.steps, L.params.length),
    hasGrad: new Int32Array(buf, L.hasGrad, L.params.length * L.workers),
    params: f32(L.params0, L.total),
    m: f32(L.m, L.total),
    v: f32(L.v, L.total),
    x: [f32(L.x[0], L.batchSize * L.rowSize), f32(L.x[1], L.batchSize * L.rowSize)],
    labels: [i32(L.labels[0], L.batchSize), i32(L.labels[1], L.batchSize)],
    rows: [i32(L.rows[0], L.batchSize), i32(L.rows[1], L.batchSize)],
  };
}

/** Copies the training data into its shared region (once, before the workers start). */
export function writeData(
  memory: WebAssembly.Memory,
  L: SharedLayout,
  x: Float32Array | Uint8Array,
): void {
  const count = L.dataRows * L.rowSize;
  if (L.dataType === 'uint8') {
    new Uint8Array(memory.buffer, L.data, count).set(x.subarray(0, count));
  } else if (L.dataType === 'float32') {
    new Float32Array(memory.buffer, L.data, count).set(x.subarray(0, count));
  }
}

/** Writes parameters (by full name, every one in the layout) into the flat vector. */
export function writeParams(shared: SharedViews, record: Record<string, TensorRecord>): void {
  for (const p of shared.layout.params) shared.params.set(record[p.name]!.data, p.offset);
}

/** The flat vector's parameters as records (copies). */
export function readParams(shared: SharedViews): Record<string, TensorRecord> {
  const out: Record<string, TensorRecord> = {};
  for (const p of shared.layout.params) {
    out[p.name] = {
      shape: [...p.shape],
      dtype: 'float32',
      data: shared.params.slice(p.offset, p.offset + p.size),
    };
  }
  return out;
}

/** The Adam state in `adam()`'s format (parameters never updated are left out). */
export function readOptimizer(shared: SharedViews): OptimizerState {
  const { steps, m, v } = shared;
  const params: OptimizerState['params'] = {};
  shared.layout.params.forEach((p, i) => {
    if (steps[i]! === 0) return;
    const rec = (a: Float32Array): TensorRecord => ({
      shape: [...p.shape],
      dtype: 'float32',
      data: a.slice(p.offset, p.offset + p.size),
    });
    params[p.name] = { step: steps[i]!, slots: { m: rec(m), v: rec(v) } };
  });
  return { kind: 'adam', learningRate: shared.results[shared.lr]!, params };
}

/**
 * Loads a checkpoint's parameters into `model.store` and the shared memory, and its Adam state
 * into the shared memory; checked before the shared memory changes.
 *
 * @throws {@link InvalidArgumentError} / {@link ShapeError} for state that is not Adam's or does
 *   not fit the model; the store's errors for parameters that do not fit.
 */
export function writeState(shared: SharedViews, model: Model, state: EngineState): void {
  const L = shared.layout;
  // The store checks names and shapes (strictly) before anything changes.
  model.store.loadRecord(state.params);
  const opt = state.optimizer;
  if (opt.kind !== 'adam') {
    throw new InvalidArgumentError(
      'checkpoint.optimizer',
      `is '${opt.kind}' state; createParallelEngine runs Adam`,
    );
  }
  for (const [name, s] of Object.entries(opt.params)) {
    const p = L.params.find((q) => q.name === name);
    if (!p) throw new InvalidArgumentError('checkpoint.optimizer', `unknown '${name}'`);
    for (const key of ['m', 'v']) {
      const rec = s.slots[key];
      if (!rec || rec.data.length !== p.size) {
        throw new ShapeError(`optimizer slot ${name}.${key} does not fit`, p.shape);
      }
    }
  }
  writeParams(shared, state.params);
  shared.m.fill(0);
  shared.v.fill(0);
  L.params.forEach((p, i) => {
    const s = opt.params[p.name];
    shared.steps[i] = s?.step ?? 0;
    if (s) {
      shared.m.set(s.slots.m!.data, p.offset);
      shared.v.set(s.slots.v!.data, p.offset);
    }
  });
  shared.results[shared.lr] = checkNumber(
    opt.learningRate,
    'checkpoint.optimizer.learningRate',
    'nonNegative',
  );
}
