import { LatentkitError } from '@latentkit/core';

/**
 * Thrown when bytes are not a valid safetensors file: the header length is larger than the file
 * or than the allowed maximum, the header is not UTF-8 JSON, a dtype is unknown, a shape or
 * `data_offsets` entry is malformed, a tensor's byte size does not match its shape, the tensors do
 * not cover the data region exactly (holes, overlaps, trailing bytes), a name is repeated, or a
 * `__metadata__` value is not a string. The message names the problem and, where there is one,
 * the tensor.
 *
 * `code` is `'CORRUPT_FILE'`.
 */
export class SafetensorsError extends LatentkitError {
  /** The tensor (or `'__metadata__'`) the problem is in, if it concerns one. */
  readonly tensor: string | undefined;

  /**
   * @param message - What is wrong.
   * @param tensor - The tensor name the problem concerns, if any.
   */
  constructor(message: string, tensor?: string) {
    super(
      'CORRUPT_FILE',
      tensor === undefined ? `safetensors: ${message}` : `safetensors: '${tensor}': ${message}`,
    );
    this.tensor = tensor;
  }
}
