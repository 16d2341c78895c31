// The memory of a `createAdam` optimizer: per parameter a copy of its values, its gradient and
// its moments m and v, laid out in one WebAssembly memory that the fused kernel works on.
import type * as tf from '@tensorflow/tfjs-core';
import { type AdamKernel, createAdamKernel } from './adam-kernel.js';
import type { OptimizerState } from './optimizer.js';

/** One parameter's place in the memory. */
export interface AdamSlot {
  size: number;
  shape: number[];
  /** Byte offsets of the parameter copy, gradient, m and v. */
  p: number;
  g: number;
  m: number;
  v: number;
  /** Updates this parameter has received. */
  step: number;
  /** The variable data the `p` copy mirrors (re-read when the variable was assigned elsewhere). */
  mirrors: object | undefined;
}

/** The state of a `createAdam` optimizer: its parameters' slots and the kernel over them. */
export interface AdamMemory {
  slots: Map<string, AdamSlot>;
  /** Absent before the first step or import, and after `dispose`. */
  kernel: AdamKernel | undefined;
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * (Re)allocates the memory so that it holds the existing slots and those of `added` (new
 * parameters, by name, with their shapes), keeping the moments and steps of the existing ones.
 */
export function layoutAdamMemory(
  memory: AdamMemory,
  added: ReadonlyMap<string, readonly number[]>,
): void {
  const { slots, kernel } = memory;
  const shapes = new Map<string, readonly number[]>();
  for (const [name, s] of slots) shapes.set(name, s.shape);
  for (const [name, shape] of added) if (!shapes.has(name)) shapes.set(name, shape);
  let offset = 0;
  const next = new Map<string, AdamSlot>();
  for (const [name, shape] of shapes) {
    const old = slots.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    const bytes = pad4(size) * 4;
    next.set(name, {
      size,
      shape: [...shape],
      p: offset,
      g: offset + bytes,
      m: offset + 2 * bytes,
      v: offset + 3 * bytes,
      step: old?.step ?? 0,
      mirrors: undefined,
    });
    offset += 4 * bytes;
  }
  const wasm = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(offset / 65536)) });
  const heap = new Float32Array(wasm.buffer);
  if (kernel) {
    const oldHeap = new Float32Array(kernel.memory.buffer);
    for (const [name, s] of slots) {
      const n = next.get(name)!;
      heap.set(oldHeap.subarray(s.m >> 2, (s.m >> 2) + s.size), n.m >> 2);
      heap.set(oldHeap.subarray(s.v >> 2, (s.v >> 2) + s.size), n.v >> 2);
    }
  }
  memory.slots = next;
  memory.kernel = createAdamKernel(wasm);
}

/** Makes sure every parameter in `names` has a slot (new ones get zero moments, step 0). */
export function ensureAdamSlots(
  memory: AdamMemory,
  vars: Readonly<Record<string, tf.Variable>>,
  names: readonly string[],
): void {
  const added = new Map<string, readonly number[]>();
  for (const name of names) if (!memory.slots.has(name)) added.set(name, vars[name]!.shape);
  if (!memory.kernel || added.size > 0) layoutAdamMemory(memory, added);
}

/** The moments in the exported state format (parameters never updated are left out). */
export function exportAdamSlots(memory: AdamMemory): OptimizerState['params'] {
  const params: OptimizerState['params'] = {};
  if (!memory.kernel) return params;
  const heap = new Float32Array(memory.kernel.memory.buffer);
  for (const [name, s] of memory.slots) {
    if (s.step === 0) continue;
    const rec = (at: number) => ({
      shape: [...s.shape],
      dtype: 'float32' as const,
      data: heap.slice(at >> 2, (at >> 2) + s.size),
    });
    params[name] = { step: s.step, slots: { m: rec(s.m), v: rec(s.v) } };
  }
  return params;
}

/** Replaces the slots with those of an imported state (checked beforehand). */
export function importAdamSlots(memory: AdamMemory, params: OptimizerState['params']): void {
  memory.slots = new Map();
  memory.kernel = undefined;
  const entries = Object.entries(params);
  if (entries.length === 0) return;
  layoutAdamMemory(memory, new Map(entries.map(([name, p]) => [name, p.slots.m!.shape])));
  const heap = new Float32Array(memory.kernel!.memory.buffer);
  for (const [name, p] of entries) {
    const s = memory.slots.get(name)!;
    s.step = p.step;
    heap.set(p.slots.m!.data, s.m >> 2);
    heap.set(p.slots.v!.data, s.v >> 2);
  }
}
