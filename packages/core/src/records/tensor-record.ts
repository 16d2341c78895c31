/**
 * A tensor's contents as plain data: what checkpoints (safetensors) read and write, and what the
 * fixed-point tools take as weights — no tensor library needed to hold one.
 * `data` holds `shape`'s product of float32 values in row-major (C) order.
 */
export interface TensorRecord {
  /** Shape of the tensor (an empty array for a scalar). */
  shape: number[];
  /** Element type; latentkit parameters and optimizer slots are always `'float32'`. */
  dtype: 'float32';
  /** The values, row-major. */
  data: Float32Array;
}
