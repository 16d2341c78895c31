import { type Optimizer, tf } from '@latentkit/tensor';
import {
  heapAddress,
  type WasmBackendInternals,
  wasmBackendMemory,
} from '@latentkit/tensor/internal';
import type { Model } from '../../model/model.js';
import type { Objective, ObjectiveOptions } from '../objective.js';
import type { StepBatch } from '../train-engine.js';
import { denseVaePlan } from './dense-vae-plan.js';
import {
  createDenseVaeStep,
  denseVaeEps,
  denseVaeLoss,
  denseVaeScratchBytes,
  denseVaeSeeds,
} from './dense-vae-step.js';

/** The local engine's tape-free step: values of one batch, the update applied if finite. @internal */
export interface LocalDenseStep {
  step(batch: StepBatch): [loss: number, recon: number, kl: number];
  /** Frees the gradient and scratch buffers. */
  dispose(): void;
}

/**
 * The tape-free step (dense-vae-step.ts) on the calling thread, on the tfjs-wasm backend's heap:
 * parameters are read from the model's variables where they lie, gradients are written into
 * buffers kept for the whole run and handed to the optimizer as tensors. `undefined` when the
 * backend is not wasm, the model or objective is not covered, or the kernels are unavailable.
 *
 * @internal
 */
export function createLocalDenseStep(
  model: Model,
  objective: Objective,
  objectiveOptions: ObjectiveOptions | undefined,
  optimizer: Optimizer,
  batchSize: number,
): LocalDenseStep | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackendInternals;
  const memory = wasmBackendMemory(backend);
  const vars = model.store.variables(true);
  const shapes = new Map(Object.entries(vars).map(([name, v]) => [name, v.shape] as const));
  const plan = memory && denseVaePlan(model.config, objectiveOptions, shapes);
  if (!memory || !plan) return undefined;
  const grads: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(vars)) grads[name] = tf.zeros(v.shape);
  const scratch = tf.zeros([denseVaeScratchBytes(plan, batchSize) / 4]);
  const release = () => tf.dispose([scratch, ...Object.values(grads)]);
  // Parameter addresses change whenever the optimizer assigns new values: read before each step.
  const params = new Map<string, number>();
  const gradAt = new Map(Object.entries(grads).map(([n, g]) => [n, heapAddress(backend, g)]));
  const dense = createDenseVaeStep(plan, {
    memory,
    params,
    grads: gradAt,
    scratch: heapAddress(backend, scratch),
    maxRows: batchSize,
  });
  if (!dense) {
    release();
    return undefined;
  }
  const d = model.latentDim;
  return {
    step(batch) {
      const n = batch.size;
      for (const [name, v] of Object.entries(vars)) params.set(name, heapAddress(backend, v));
      new Float32Array(memory.buffer, dense.inputAt, n * plan.inputSize).set(batch.x);
      const eps = plan.logVar ? denseVaeEps(batch.epsSeed, 0, n, d) : undefined;
      const klWeight = objective.klWeight(batch.step);
      const means = dense.run({
        x: dense.inputAt,
        rows: n,
        eps,
        ...denseVaeSeeds(n, n, 1, klWeight),
      });
      const values: [number, number, number] = [
        denseVaeLoss(means, klWeight),
        means.recon,
        means.kl,
      ];
      if (values.every(Number.isFinite)) optimizer.step(grads, model.store);
      return values;
    },
    dispose: release,
  };
}
