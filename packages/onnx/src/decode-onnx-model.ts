import { InvalidArgumentError } from '@latentkit/core';
import protobuf from 'protobufjs/light.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { Int64Like } from './onnx-long.js';
import descriptor from './schema/onnx-descriptor.json';

/** The fields of an ONNX `TensorProto` the importer reads (protobufjs' camelCase names). */
export interface RawTensor {
  name?: string;
  dims?: Int64Like[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Int64Like[];
  doubleData?: number[];
  dataLocation?: number;
  externalData?: unknown[];
  segment?: unknown;
}

/** The fields of an ONNX `AttributeProto` the importer reads. */
export interface RawAttribute {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64Like;
  s?: Uint8Array;
  t?: RawTensor;
  g?: unknown;
  floats?: number[];
  ints?: Int64Like[];
  refAttrName?: string;
}

/** The fields of an ONNX `NodeProto` the importer reads. */
export interface RawNode {
  name?: string;
  opType?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: RawAttribute[];
}

/** A dimension of a graph input: `dimValue` or a symbolic `dimParam`. */
export interface RawDim {
  dimValue?: Int64Like;
  dimParam?: string;
}

/** The fields of an ONNX `ValueInfoProto` the importer reads. */
export interface RawValueInfo {
  name?: string;
  type?: {
    tensorType?: { elemType?: number; shape?: { dim?: RawDim[] } };
  };
}

/** The fields of an ONNX `GraphProto` the importer reads. */
export interface RawGraph {
  node?: RawNode[];
  initializer?: RawTensor[];
  sparseInitializer?: unknown[];
  input?: RawValueInfo[];
  output?: RawValueInfo[];
}

/** The fields of an ONNX `ModelProto` the importer reads. */
export interface RawModel {
  graph?: RawGraph;
  opsetImport?: { domain?: string; version?: Int64Like }[];
  functions?: unknown[];
}

/** Default `maxBytes`: 256 MiB, far above any MLP a browser can hold comfortably. */
export const DEFAULT_MAX_ONNX_BYTES = 256 * 1024 * 1024;

let modelType: protobuf.Type | undefined;

function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace).lookupType(
    'onnx.ModelProto',
  );
  return modelType;
}

/** The bytes of an ONNX file as a Uint8Array, refusing anything else. */
export function onnxBytes(bytes: unknown, name: string): Uint8Array {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (bytes instanceof Uint8Array) return bytes;
  throw new InvalidArgumentError(name, 'must be a Uint8Array or an ArrayBuffer');
}

/**
 * Decodes the protobuf of an ONNX file with protobufjs and the ONNX schema. Raw tensor bytes stay
 * views of `bytes` (protobufjs reads `bytes` fields with `subarray`), so decoding allocates in
 * proportion to the input; the file size is checked first.
 *
 * @throws {@link OnnxImportError} `'too-large'` beyond `maxBytes`, `'malformed-protobuf'` for
 *   bytes protobufjs cannot decode or a model without a graph.
 */
export function decodeOnnxModel(
  bytes: Uint8Array,
  maxBytes: number,
  site: OnnxErrorSite,
): RawModel {
  if (bytes.length > maxBytes) {
    throw new OnnxImportError(
      'too-large',
      `the file has ${bytes.length} bytes, more than maxBytes = ${maxBytes}`,
      site,
    );
  }
  let model: RawModel;
  try {
    model = onnxModelType().decode(bytes) as RawModel;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OnnxImportError(
      'malformed-protobuf',
      `not an ONNX ModelProto (protobuf decoding failed: ${reason})`,
      site,
    );
  }
  if (model.graph === undefined || model.graph === null) {
    throw new OnnxImportError('malformed-protobuf', 'the model has no graph', site);
  }
  return model;
}
