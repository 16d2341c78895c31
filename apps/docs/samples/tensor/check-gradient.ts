// #region sample
import { checkGradient, initBackend, tf } from '@latentkit/tensor';

await initBackend();
const x = tf.tensor([0.5, 1.5, 2.5]);
// Compares tfjs's gradient of Σ w·softplus(x) with central finite
// differences.
const result = checkGradient((t) => tf.softplus(t), [x]);
if (!result.ok) throw new Error(result.summary);
x.dispose();
// #endregion sample
