import type { FloatActivation } from '@latentkit/quantize';
import { OnnxImportError } from './onnx-import-error.js';

/** A layer read from a graph, as far as its activation goes (a dense step or a conv stage). */
export interface ActivatedLayer {
  activation: FloatActivation;
  negativeSlope: number;
  /** The node of the product or convolution. */
  node: string;
  /** The node of the activation, if there is one. */
  activationNode?: string;
}

/** PyTorch's and latentkit's LeakyReLU slope; the ONNX attribute holds it rounded to float32. */
const LEAKY_SLOPE = 0.01;

/**
 * The one activation of a latentkit network's hidden layers (and convolutions): every layer must
 * have the same, LeakyReLU with slope 0.01. `undefined` for no layers.
 *
 * @param layers - The layers that share the activation.
 * @param graph - `'encoder'` or `'decoder'`, for errors.
 * @param what - The latentkit network, for messages (e.g. `'a latentkit MLP'`).
 * @throws {@link OnnxImportError} `'unsupported-structure'` for different activations,
 *   `'unsupported-attribute'` for another LeakyReLU slope.
 */
export function sharedActivation(
  layers: ActivatedLayer[],
  graph: string,
  what: string,
): FloatActivation | undefined {
  const first = layers[0];
  if (first === undefined) return undefined;
  for (const layer of layers) {
    if (layer.activation !== first.activation) {
      throw new OnnxImportError(
        'unsupported-structure',
        `hidden layers with different activations (${first.activation}, ${layer.activation}); ${what} uses one activation for all hidden layers`,
        { graph, node: layer.node },
      );
    }
    if (layer.activation === 'leakyRelu' && Math.abs(layer.negativeSlope - LEAKY_SLOPE) > 1e-6) {
      throw new OnnxImportError(
        'unsupported-attribute',
        `LeakyRelu alpha ${layer.negativeSlope} is not supported; latentkit's networks use ${LEAKY_SLOPE}`,
        { graph, node: layer.activationNode ?? layer.node, op: 'LeakyRelu' },
      );
    }
  }
  return first.activation;
}
