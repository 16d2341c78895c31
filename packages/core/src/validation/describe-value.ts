/**
 * A short description of a value for error messages: `3`, `null`, `an array`, `string`, or — for
 * anything shaped like a tensor (`dtype` and `shape`) — `a float32 tensor of shape [2, 3]`.
 * Structural, so the core needs no tensor library to describe one.
 *
 * @param x - Any value.
 */
export function describeValue(x: unknown): string {
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'number') return String(x);
  if (x === null) return 'null';
  if (typeof x === 'object') {
    const { dtype, shape } = x as { dtype?: unknown; shape?: unknown };
    if (typeof dtype === 'string' && Array.isArray(shape)) {
      return `a ${dtype} tensor of shape [${shape.join(', ')}]`;
    }
  }
  return typeof x;
}
