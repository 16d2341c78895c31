import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import type { Labels } from './model.js';
import type { ModelKind } from './model-config.js';

/**
 * The one-hot condition of a batch: `[batch, numClasses]` for a CVAE's labels, `undefined` for an
 * unconditional model (which must not be given labels). Validates every label.
 *
 * @param labels - One class per example, or undefined.
 * @param batch - The batch size the labels must match.
 * @param numClasses - The model's number of classes (0: unconditional).
 * @param kind - The model kind, for messages.
 * @throws {@link InvalidArgumentError} for labels given to an unconditional model, missing labels
 *   for a CVAE, or a label outside `[0, numClasses)`; {@link ShapeError} for a count that does
 *   not match the batch.
 * @internal
 */
export function labelCondition(
  labels: Labels | undefined,
  batch: number,
  numClasses: number,
  kind: ModelKind,
): tf.Tensor | undefined {
  if (numClasses === 0) {
    if (labels !== undefined) {
      throw new InvalidArgumentError('labels', `a '${kind}' model takes no labels`);
    }
    return undefined;
  }
  if (labels === undefined || labels === null || typeof labels.length !== 'number') {
    throw new InvalidArgumentError('labels', 'are required by a CVAE (one class per example)');
  }
  if (labels.length !== batch) {
    throw new ShapeError(
      `labels: ${labels.length} labels for a batch of ${batch}`,
      [batch],
      [labels.length],
    );
  }
  const data = new Float32Array(batch * numClasses);
  for (let i = 0; i < batch; i++) {
    const c = labels[i] as number;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new InvalidArgumentError('labels', `label ${c} at ${i} is outside [0, ${numClasses})`);
    }
    data[i * numClasses + c] = 1;
  }
  return tf.tensor2d(data, [batch, numClasses]);
}
