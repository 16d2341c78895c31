import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { getInitializer, type InitializerName } from '../init/get-initializer.js';
import type { Initializer } from '../init/initializer.js';
import type { ParamStore } from '../params/param-store.js';
import type { Rng } from '../random/rng.js';

// Internal helpers shared by the layer factories (not part of the public API).

/** Full dotted name of `name` inside `store`. */
export function fullName(store: ParamStore, name: string): string {
  return store.prefix === '' ? name : `${store.prefix}.${name}`;
}

/** Throws InvalidArgumentError unless `v` is a positive integer. */
export function checkPositiveInt(option: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) {
    throw new InvalidArgumentError(option, `must be a positive integer, got ${v}`);
  }
}

/** Normalizes `n | [h, w]` and checks both are positive integers. */
export function pair(option: string, v: number | readonly [number, number]): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  checkPositiveInt(option, p[0]);
  checkPositiveInt(option, p[1]);
  return p;
}

/**
 * Initializes a parameter with `init` drawn from `rng.fork(key)` and adds it to the store.
 * The temporary initial tensor is disposed.
 */
export function initParam(
  store: ParamStore,
  layerName: string,
  key: string,
  shape: number[],
  init: InitializerName | Initializer,
  rng: Rng,
  fans: { fanIn: number; fanOut: number },
  option: string,
): tf.Variable {
  const value = getInitializer(init, option)(shape, rng.fork(key), fans);
  try {
    if (value.dtype !== 'float32' || value.shape.join() !== shape.join()) {
      throw new InvalidArgumentError(
        option,
        `initializer returned ${value.dtype} [${value.shape.join(', ')}], expected float32 [${shape.join(', ')}]`,
      );
    }
    return store.create(`${layerName}.${key}`, value);
  } finally {
    value.dispose();
  }
}

/**
 * Checks a layer input's dtype, rank and (non-null) trailing sizes before tfjs sees it.
 * With `exactRank` false, extra leading axes are allowed.
 *
 * @throws {@link InvalidArgumentError} if not float32; {@link ShapeError} naming the layer otherwise.
 */
export function checkInput(
  x: tf.Tensor,
  layer: string,
  expected: readonly (number | null)[],
  exactRank = true,
): void {
  if (x.dtype !== 'float32') {
    throw new InvalidArgumentError(`${layer} input`, `must be float32, got ${x.dtype}`);
  }
  const rankOk = exactRank ? x.rank === expected.length : x.rank >= expected.length;
  const tail = x.shape.slice(x.rank - expected.length);
  const sizesOk = rankOk && expected.every((d, i) => d === null || tail[i] === d);
  if (!sizesOk) {
    const dims = expected.map((d) => d ?? '?').join(', ');
    throw new ShapeError(
      `${layer}: input has shape [${x.shape.join(', ')}], expected [${exactRank ? '' : '..., '}${dims}]`,
      expected,
      x.shape,
    );
  }
}
