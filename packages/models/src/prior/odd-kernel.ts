import { InvalidArgumentError } from '@latentkit/core';

/**
 * Normalizes a masked layer's kernel size `k | [kh, kw]` and checks that both are odd positive
 * integers (the mask is centred), and not 1×1 for mask `'A'` (which would leave no tap).
 *
 * @throws {@link InvalidArgumentError} naming `kernelSize`.
 * @internal
 */
export function oddKernel(
  v: number | readonly [number, number],
  maskType: 'A' | 'B',
): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  for (const k of p) {
    if (!Number.isInteger(k) || k < 1 || k % 2 === 0) {
      throw new InvalidArgumentError(
        'kernelSize',
        `must be odd positive integers, got ${String(v)}`,
      );
    }
  }
  if (maskType === 'A' && p[0] === 1 && p[1] === 1) {
    throw new InvalidArgumentError('kernelSize', "1×1 with mask 'A' has no tap in use");
  }
  return p;
}
