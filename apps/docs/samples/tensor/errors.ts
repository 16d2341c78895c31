// #region sample
import {
  initBackend,
  klStandardNormal,
  LatentkitError,
  ShapeError,
  tf,
} from '@latentkit/tensor';

await initBackend();
const mu = tf.zeros([4, 2]);
const logVar = tf.zeros([4, 3]); // wrong: must match mu
try {
  klStandardNormal(mu, logVar);
} catch (error) {
  if (error instanceof ShapeError)
    // 'SHAPE_MISMATCH' and both shapes
    console.log(error.code, error.expected, error.actual);
  else if (error instanceof LatentkitError)
    console.log('other latentkit error', error.code);
  else throw error;
}
tf.dispose([mu, logVar]);
// #endregion sample
