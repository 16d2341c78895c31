import * as tf from '@tensorflow/tfjs-core';
import {
  bernoulliNllGradient,
  registerBernoulliNllKernels,
} from '../kernels/bernoulli-nll-kernel.js';
import { registerConvFilterGradKernel } from '../kernels/conv-filter-grad-kernel.js';
import { registerConv2DGemmKernel } from '../kernels/conv2d-gemm-kernel.js';
import { registerGemmKernels } from '../kernels/gemm-kernel.js';
import {
  klStandardNormalGradient,
  registerKlStandardNormalKernels,
} from '../kernels/kl-standard-normal-kernel.js';
import { registerReluGradKernel } from '../kernels/relu-grad-kernel.js';
import {
  registerReparameterizeKernels,
  reparameterizeGradient,
} from '../kernels/reparameterize-kernel.js';
import { binaryGradients } from './binary-gradients.js';
import { convGradients } from './conv-gradients.js';
import { gemmGradient } from './gemm-gradient.js';
import { matMulGradient } from './matmul-gradient.js';
import { reductionGradients } from './reduction-gradients.js';
import { shapeGradients } from './shape-gradients.js';
import { registerSharingIdentityKernel } from './sharing-identity-kernel.js';
import { unaryGradients } from './unary-gradients.js';

/** Every gradient latentkit registers, for the kernels its models use. */
export const latentkitGradients: readonly tf.GradConfig[] = [
  ...unaryGradients,
  ...binaryGradients,
  ...reductionGradients,
  ...shapeGradients,
  matMulGradient,
  gemmGradient,
  ...convGradients,
  bernoulliNllGradient,
  klStandardNormalGradient,
  reparameterizeGradient,
];

let registered = false;

/**
 * Registers latentkit's gradient functions with tfjs-core (idempotent). {@link initBackend}
 * calls it; call it yourself only if you set the tfjs backend up without `initBackend`.
 *
 * tfjs-core on its own registers no gradients, and its stock gradients for matMul (slow transposed
 * products on wasm), conv2d filters and gather (kernels missing on wasm) do not fit latentkit's
 * default backend, so latentkit ships its own set, checked against finite differences.
 *
 * It also makes tfjs-wasm's `Identity` kernel share its input's buffer instead of copying it
 * (see `registerSharingIdentityKernel`, internal): tfjs runs it for every tensor it saves for a
 * gradient.
 *
 * And it registers latentkit's fused matrix-product kernel ({@link gemm}, whose gradient is in the
 * set): wasm SIMD kernels on tfjs-wasm, the backend's own `BatchMatMul` elsewhere; and the fused
 * loss-term kernels (Bernoulli NLL, KL to N(0, I), reparameterization) with their gradients.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu'; // registers tfjs's cpu backend (initBackend loads it lazily)
 * import { registerLatentkitGradients, tf } from '@latentkit/tensor';
 *
 * await tf.setBackend('cpu'); // your own tfjs set-up instead of initBackend()
 * registerLatentkitGradients(); // latentkit's gradients and fused kernels; idempotent
 * ```
 */
export function registerLatentkitGradients(): void {
  if (registered) return;
  registerSharingIdentityKernel();
  registerGemmKernels();
  registerBernoulliNllKernels();
  registerKlStandardNormalKernels();
  registerReparameterizeKernels();
  registerReluGradKernel();
  registerConvFilterGradKernel();
  registerConv2DGemmKernel();
  for (const config of latentkitGradients) {
    // Overriding a gradient already registered (e.g. by @tensorflow/tfjs) is intended.
    if (tf.getGradient(config.kernelName) !== undefined) tf.unregisterGradient(config.kernelName);
    tf.registerGradient(config);
  }
  registered = true;
}
