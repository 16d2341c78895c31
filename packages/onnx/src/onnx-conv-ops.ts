import type { RawNode } from './decode-onnx-model.js';
import { intAttribute, intsAttribute, stringAttribute } from './onnx-attributes.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import { actOf, biasOf, constOf, type Op, structure } from './onnx-op-helpers.js';
import type { ConvExpr } from './onnx-values.js';

// Conv and ConvTranspose as PyTorch's nn.Conv2d / nn.ConvTranspose2d export them: NCHW, explicit
// pads, dilation 1, one group. The filter is converted to tfjs's layout here; whether latentkit's
// conv architecture can hold the geometry is decided later (conv-chain.ts), where the whole stack
// is known.

function unsupported(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-attribute', message, site);
}

/** An INTS attribute of `length` values, each ≥ `min`, or `fallback` when absent. */
function pairs(
  node: RawNode,
  name: string,
  length: number,
  min: number,
  fallback: number,
  site: OnnxErrorSite,
): number[] {
  const values = intsAttribute(node, name, site) ?? Array.from({ length }, () => fallback);
  if (values.length !== length || values.some((v) => !Number.isSafeInteger(v) || v < min)) {
    throw unsupported(
      `${name} [${values.join(', ')}] must be ${length} integers ≥ ${min} (a 2-D convolution)`,
      site,
    );
  }
  return values;
}

/** The attributes every supported Conv / ConvTranspose must have (or leave at their defaults). */
function checkCommon(node: RawNode, site: OnnxErrorSite): void {
  const autoPad = stringAttribute(node, 'auto_pad', site);
  if (autoPad !== undefined && autoPad !== 'NOTSET') {
    throw unsupported(
      `auto_pad '${autoPad}' is not supported; only explicit pads (auto_pad NOTSET, as torch.onnx.export writes)`,
      site,
    );
  }
  const group = intAttribute(node, 'group', 1, site);
  if (group !== 1) {
    throw unsupported(
      `group ${group} is not supported; only group 1 (no grouped convolution)`,
      site,
    );
  }
  const dilations = intsAttribute(node, 'dilations', site);
  if (dilations?.some((d) => d !== 1)) {
    throw unsupported(
      `dilations [${dilations.join(', ')}] are not supported; only dilation 1`,
      site,
    );
  }
}

function convOp(transpose: boolean): Op {
  return (node, [x, w, b], site) => {
    checkCommon(node, site);
    if (transpose && intsAttribute(node, 'output_shape', site) !== undefined) {
      throw unsupported(
        'output_shape is not supported; give pads and output_padding (as torch.onnx.export does)',
        site,
      );
    }
    const input = actOf(x, 'input X', site);
    const filter = constOf(w, 'input W (the filter)', site);
    if (input.shape.length !== 3 || filter.dims.length !== 4 || filter.dtype !== 'float32') {
      throw structure(
        `only 2-D convolutions on [batch, C, H, W] with a float32 [·, ·, kh, kw] filter are supported, got input [batch, ${input.shape.join(', ')}] and filter [${filter.dims.join(', ')}]`,
        site,
      );
    }
    const [c, h, wd] = input.shape as [number, number, number];
    const [d0, d1, kh, kw] = filter.dims as [number, number, number, number];
    const [inC, outC] = transpose ? [d0, d1] : [d1, d0];
    if (inC !== c) {
      throw structure(`the filter takes ${inC} input channels but the input has ${c}`, site);
    }
    const kernel = intsAttribute(node, 'kernel_shape', site);
    if (kernel !== undefined && (kernel.length !== 2 || kernel[0] !== kh || kernel[1] !== kw)) {
      throw unsupported(
        `kernel_shape [${kernel.join(', ')}] disagrees with the filter's [${kh}, ${kw}]`,
        site,
      );
    }
    const strides = pairs(node, 'strides', 2, 1, 1, site) as [number, number];
    const pads = pairs(node, 'pads', 4, 0, 0, site) as [number, number, number, number];
    const outputPadding = transpose
      ? (pairs(node, 'output_padding', 2, 0, 0, site) as [number, number])
      : ([0, 0] as [number, number]);
    if (outputPadding[0] >= strides[0] || outputPadding[1] >= strides[1]) {
      throw unsupported(
        `output_padding [${outputPadding.join(', ')}] must be smaller than the strides`,
        site,
      );
    }
    const length = (n: number, k: number, s: number, before: number, after: number, op: number) =>
      transpose
        ? (n - 1) * s - before - after + k + op
        : Math.floor((n + before + after - k) / s) + 1;
    const oh = length(h, kh, strides[0], pads[0], pads[2], outputPadding[0]);
    const ow = length(wd, kw, strides[1], pads[1], pads[3], outputPadding[1]);
    if (!(oh >= 1 && ow >= 1)) {
      throw structure(`the output would be ${oh}×${ow}: the input ${h}×${wd} is too small`, site);
    }
    // ONNX: Conv W [out, in, kh, kw], ConvTranspose W [in, out, kh, kw]. tfjs: conv2d
    // [kh, kw, in, out], conv2dTranspose [kh, kw, out, in] — in both cases axes [2, 3, 1, 0].
    const weight = new Float32Array(filter.data.length);
    for (let a = 0; a < d0; a++) {
      for (let bb = 0; bb < d1; bb++) {
        for (let y = 0; y < kh; y++) {
          for (let xx = 0; xx < kw; xx++) {
            weight[((y * kw + xx) * d1 + bb) * d0 + a] =
              filter.data[((a * d1 + bb) * kh + y) * kw + xx]!;
          }
        }
      }
    }
    const bias =
      b === undefined
        ? new Float32Array(outC)
        : biasOf(constOf(b, 'input B (the bias)', site), outC, 1, site);
    const expr: ConvExpr = {
      op: 'conv',
      src: input.expr,
      transpose,
      weight,
      bias,
      inShape: [c, h, wd],
      outShape: [outC, oh, ow],
      kernel: [kh, kw],
      strides,
      pads,
      outputPadding,
      node: site.node ?? '',
      opType: node.opType ?? '',
    };
    return [{ kind: 'act', shape: [outC, oh, ow], expr }];
  };
}

/** `Conv` and `ConvTranspose` handlers. */
export const CONV_OPS: Readonly<Record<string, Op>> = {
  Conv: convOp(false),
  ConvTranspose: convOp(true),
};
