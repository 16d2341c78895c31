// #region sample
import {
  createRng,
  permutation,
  requireKnownOptions,
  UnknownOptionError,
} from '@latentkit/core';

// One seed, independent streams: drawing from one never shifts another.
const rng = createRng(42);
const shuffle = rng.fork('shuffle');
console.log(rng.next(), rng.normal(), shuffle.int(10));

// A seeded permutation of 0..9: the same seed gives the same order.
console.log(permutation(10, 3));

// Typo'd option names fail loudly, listing what is allowed.
try {
  requireKnownOptions({ sed: 1 }, ['seed', 'batchSize']);
} catch (error) {
  if (error instanceof UnknownOptionError)
    // 'UNKNOWN_OPTION'
    console.log(error.code, error.message);
}
// #endregion sample
