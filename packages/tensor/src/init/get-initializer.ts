import { UnknownOptionError } from '@latentkit/core';
import { glorotNormal } from './glorot-normal.js';
import { glorotUniform } from './glorot-uniform.js';
import { heNormal } from './he-normal.js';
import { heUniform } from './he-uniform.js';
import type { Initializer } from './initializer.js';
import { torchDefault } from './torch-default.js';
import { zeros } from './zeros.js';

/** Names accepted wherever an initializer can be given by name (e.g. layer options). */
export type InitializerName =
  | 'glorotUniform'
  | 'glorotNormal'
  | 'heUniform'
  | 'heNormal'
  | 'torchDefault'
  | 'zeros';

const BY_NAME: Record<InitializerName, Initializer> = {
  glorotUniform,
  glorotNormal,
  heUniform,
  heNormal,
  torchDefault,
  zeros,
};

/** Every {@link InitializerName}. */
export const INITIALIZER_NAMES: readonly InitializerName[] = Object.keys(
  BY_NAME,
) as InitializerName[];

/**
 * The initializer with the given name, or the function itself when one is passed.
 *
 * @param init - An {@link InitializerName} or an {@link Initializer}.
 * @param option - Option name used in the error message. Default `'init'`.
 * @throws {@link UnknownOptionError} for an unknown name.
 *
 * @example
 * ```ts
 * import { getInitializer } from '@latentkit/tensor';
 *
 * const init = getInitializer('heNormal');
 * const w = init([784, 400], 1); // Tensor [784, 400], N(0, 2/784)
 * ```
 */
export function getInitializer(init: InitializerName | Initializer, option = 'init'): Initializer {
  if (typeof init === 'function') return init;
  if (!Object.hasOwn(BY_NAME, init)) throw new UnknownOptionError(option, init, INITIALIZER_NAMES);
  return BY_NAME[init];
}
