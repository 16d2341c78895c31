import type { TensorRecord } from '@latentkit/core';
import type { ConvStage } from './conv-chain.js';
import type { DenseStep } from './dense-chain.js';
import { OnnxImportError } from './onnx-import-error.js';

function checkFinite(name: string, node: string, parts: [string, Float32Array][]): void {
  for (const [part, data] of parts) {
    if (!data.every(Number.isFinite)) {
      // Finite initializers can still overflow float32 when Gemm's alpha or beta scales them.
      throw new OnnxImportError('bad-tensor', `the ${part} of ${name} overflows float32`, { node });
    }
  }
}

/**
 * Adds a dense layer's parameters to a record: `<name>.weight` `[in, out]` and `<name>.bias`
 * `[out]`, float32.
 *
 * @throws {@link OnnxImportError} `'bad-tensor'` for a value that is not finite.
 */
export function putDense(
  record: Record<string, TensorRecord>,
  name: string,
  step: DenseStep,
): void {
  checkFinite(name, step.node, [
    ['weight', step.weight],
    ['bias', step.bias],
  ]);
  record[`${name}.weight`] = {
    shape: [step.inFeatures, step.outFeatures],
    dtype: 'float32',
    data: step.weight,
  };
  record[`${name}.bias`] = { shape: [step.outFeatures], dtype: 'float32', data: step.bias };
}

/**
 * Adds a convolution's parameters to a record in latentkit's layout: `<name>.weight`
 * `[kh, kw, in, out]` (`conv2d`) or `[kh, kw, out, in]` (`conv2dTranspose`) and `<name>.bias`
 * `[out]`, float32.
 *
 * @throws {@link OnnxImportError} `'bad-tensor'` for a value that is not finite.
 */
export function putConv(
  record: Record<string, TensorRecord>,
  name: string,
  stage: ConvStage,
): void {
  const { conv } = stage;
  checkFinite(name, stage.node, [
    ['weight', conv.weight],
    ['bias', conv.bias],
  ]);
  const [kh, kw] = conv.kernel;
  const inC = conv.inShape[0];
  const outC = conv.outShape[0];
  record[`${name}.weight`] = {
    shape: conv.transpose ? [kh, kw, outC, inC] : [kh, kw, inC, outC],
    dtype: 'float32',
    data: conv.weight,
  };
  record[`${name}.bias`] = { shape: [outC], dtype: 'float32', data: conv.bias };
}
