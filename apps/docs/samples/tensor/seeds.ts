// #region sample
import { createRng, randomNormal, tf } from '@latentkit/tensor';

const rng = createRng(7);
// independent streams: drawing from one never shifts another
const init = rng.fork('init');
const noise = rng.fork('noise');

console.log(init.next(), init.int(10), noise.normal());

// tfjs random tensors take a seed or an Rng; the same seed gives the
// same
// numbers on every backend.
const a = randomNormal([2, 3], createRng(1).fork('eps'));
const b = randomNormal([2, 3], createRng(1).fork('eps'));
// true
console.log(tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1));
tf.dispose([a, b]);
// #endregion sample
