import * as tf from '@tensorflow/tfjs-core';

/** What the kernel needs of the wasm backend: its public reference count on a data buffer. */
interface RefCountingBackend {
  incRef(dataId: object): void;
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs.x as tf.TensorInfo;
  (backend as unknown as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Replaces tfjs-wasm's `Identity` kernel with one that shares its input's buffer (one more
 * reference on it, as tfjs's cpu and webgl backends and wasm's own `Reshape` do) instead of
 * copying it. Idempotent; does nothing when the wasm backend's kernels are not registered.
 *
 * Why: tfjs saves every tensor a gradient needs with `clone` (an `Identity` kernel) while the tape
 * records, and wasm's `Identity` copies the data — ~55 copies per training step of the reference
 * VAE, up to 784×400 floats each. tfjs tensors are immutable (a variable's `assign` swaps its
 * buffer, it does not write into it), so a shared buffer gives the same values; the engine and
 * the wasm backend count references per buffer, so disposing one handle leaves the other valid.
 *
 * {@link registerLatentkitGradients} calls it.
 */
export function registerSharingIdentityKernel(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (current === undefined || current.kernelFunc === kernelFunc) return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ kernelName: 'Identity', backendName: 'wasm', kernelFunc });
}
