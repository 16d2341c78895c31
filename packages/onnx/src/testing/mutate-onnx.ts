import protobuf from 'protobufjs/light.js';
import type { RawModel } from '../decode-onnx-model.js';
import descriptor from '../schema/onnx-descriptor.json';
import { fixtureBytes } from './fixtures.js';

const modelType = protobuf.Root.fromJSON(descriptor as protobuf.INamespace).lookupType(
  'onnx.ModelProto',
);

/**
 * A fixture decoded, changed by `edit` and encoded again with protobufjs: how the tests make
 * malformed or unsupported ONNX files that are otherwise valid protobuf.
 */
export function mutateOnnx(name: string, edit: (model: Required<RawModel>) => void): Uint8Array {
  const model = modelType.decode(fixtureBytes(name)) as unknown as Required<RawModel>;
  edit(model);
  return modelType.encode(model as unknown as protobuf.Message).finish();
}
