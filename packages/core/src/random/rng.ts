import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * A small, fast, seedable pseudo-random generator (sfc32 state, seeded through splitmix32).
 *
 * Written here rather than taken from a library because it is ~40 lines, must behave
 * identically in Node and browsers, and must be splittable into independent streams
 * (`fork`) so that e.g. weight init and data shuffling do not share one sequence.
 * Not cryptographically secure.
 */
export interface Rng {
  /** The seed this generator was created with. */
  readonly seed: number;
  /** Next uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number;
  /** Next float uniformly distributed in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Next integer uniformly distributed in [0, n). `n` must be a positive integer ≤ 2³². */
  int(n: number): number;
  /** Next standard normal sample (Box–Muller). */
  normal(): number;
  /**
   * A new, independent generator derived from this one's seed and a label.
   * Forking does not advance this generator, so adding a fork never shifts other streams.
   */
  fork(label: string | number): Rng;
  /** A 31-bit seed for a tfjs random op (`tf.randomNormal(..., seed)`), advancing this generator. */
  seedForOp(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(seed: number, label: string | number): number {
  // FNV-1a over the label's characters, mixed with the parent seed.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const text = String(label);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}

/**
 * Creates a seeded generator. The same seed always gives the same sequence, in every JS engine.
 *
 * @param seed - Any finite integer (taken modulo 2³²).
 * @throws {@link InvalidArgumentError} if `seed` is not a finite integer.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next(); // same value on every run
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new InvalidArgumentError('seed', `must be a finite integer, got ${seed}`);
  }
  const init = splitmix32(seed >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  let spare: number | undefined;
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = (): number => nextUint32() / 4294967296;
  const rng: Rng = {
    seed: seed >>> 0,
    nextUint32,
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
        throw new InvalidArgumentError('n', `must be a positive integer ≤ 2^32, got ${n}`);
      }
      // Rejection sampling removes modulo bias.
      const limit = 4294967296 - (4294967296 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork(label: string | number): Rng {
      return createRng(hashLabel(seed >>> 0, label));
    },
    seedForOp(): number {
      return nextUint32() >>> 1;
    },
  };
  return rng;
}

/** A seed or an existing generator: every random function in latentkit accepts either. */
export type SeedLike = number | Rng;

/**
 * Normalizes a {@link SeedLike} to a generator (a number creates a new one).
 *
 * @param seed - A seed or a generator.
 */
export function toRng(seed: SeedLike): Rng {
  return typeof seed === 'number' ? createRng(seed) : seed;
}
