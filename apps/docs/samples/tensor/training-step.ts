import {
  bernoulliNllFromLogits,
  createAdam,
  createParamStore,
  dense,
  initBackend,
  klStandardNormal,
  reparameterize,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';

// #region setup
// wasm with SIMD; cpu as a fallback that says so
const info = await initBackend();
console.log(info.name, info.simd, info.fellBack);

// every parameter by name: encoder.weight, decoder.bias, …
const store = createParamStore();
const encoder = dense(store, 'encoder', {
  inFeatures: 784,
  outFeatures: 2 * 20,
  seed: 1,
});
const decoder = dense(store, 'decoder', {
  inFeatures: 20,
  outFeatures: 784,
  seed: 2,
});
const optimizer = createAdam({ learningRate: 1e-3 });
// #endregion setup

// #region step
/**
 * One step on a batch `x` of shape [batch, 784] in [0, 1]; returns the
 * loss
 * in nats.
 */
export function step(x: tf.Tensor2D, seed: number): number {
  const { value, grads } = valueAndParamGrads(store, () => {
    const [mu, logVar] = tf.split(encoder.apply(x), 2, 1) as [
      tf.Tensor,
      tf.Tensor,
    ];
    const z = reparameterize(mu, logVar, seed); // μ + σ·ε, ε seeded
    // Negative ELBO: per-image sum over pixels, then the mean over the
    // batch.
    return tf.add(
      bernoulliNllFromLogits(decoder.apply(z), x),
      klStandardNormal(mu, logVar),
    ) as tf.Scalar;
  });
  optimizer.step(grads, store);
  tf.dispose(grads);
  const loss = value.dataSync()[0]!;
  value.dispose();
  return loss;
}
// #endregion step
