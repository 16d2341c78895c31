import { InvalidArgumentError } from '@latentkit/core';
import protobuf from 'protobufjs/light.js';
import descriptor from './schema/onnx-descriptor.json';

/** ONNX `TensorProto.DataType` codes used by the exporter. */
const FLOAT = 1;
const INT64 = 7;

/** ONNX `AttributeProto.AttributeType` codes used by the exporter. */
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

/** An attribute value: a float (`number` with `float: true`), an int, a string or ints. */
export type AttributeValue =
  | { float: number }
  | { int: number }
  | { string: string }
  | { ints: readonly number[] };

/** A graph input or output: its name and shape (`'N'` marks the dynamic batch dimension). */
export interface GraphValue {
  name: string;
  shape: readonly (number | 'N')[];
}

interface TensorMessage {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

interface NodeMessage {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: Record<string, unknown>[];
}

let modelType: protobuf.Type | undefined;

function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace).lookupType(
    'onnx.ModelProto',
  );
  return modelType;
}

function attribute(name: string, value: AttributeValue): Record<string, unknown> {
  if ('float' in value) return { name, type: ATTR_FLOAT, f: value.float };
  if ('int' in value) return { name, type: ATTR_INT, i: value.int };
  if ('string' in value) {
    return { name, type: ATTR_STRING, s: new TextEncoder().encode(value.string) };
  }
  return { name, type: ATTR_INTS, ints: [...value.ints] };
}

function valueInfo(value: GraphValue): Record<string, unknown> {
  return {
    name: value.name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: value.shape.map((d) => (d === 'N' ? { dimParam: 'N' } : { dimValue: d })) },
      },
    },
  };
}

/**
 * Collects the nodes and initializers of one ONNX graph and encodes the model with protobufjs
 * (the ONNX schema as a JSON descriptor — no hand-written protobuf). Float initializers are
 * stored as little-endian `raw_data`, int64 ones (shapes, slice bounds) likewise.
 *
 * @internal
 */
export class OnnxGraphWriter {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly names = new Set<string>();

  /** A float32 initializer named `name`, `values` row-major in `dims`; returns its name. */
  float(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    const raw = new Uint8Array(values.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    return this.tensor({ name, dims: [...dims], dataType: FLOAT, rawData: raw });
  }

  /** A one-dimensional int64 initializer (a shape, axes, slice bounds); returns its name. */
  int64(name: string, values: readonly number[]): string {
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    for (const [i, v] of values.entries()) view.setBigInt64(i * 8, BigInt(v), true);
    return this.tensor({ name, dims: [values.length], dataType: INT64, rawData: raw });
  }

  /**
   * A node `op(inputs) → output` named `name`, with its attributes. Returns the output name
   * (`output`, or `name` when no output name is given).
   */
  node(
    op: string,
    name: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    output = name,
  ): string {
    this.claim(name, 'node');
    this.nodes.push({
      name,
      opType: op,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /**
   * The serialized `ModelProto`: this graph with its inputs and outputs, the default-domain
   * opset `opset`, `irVersion`, and the producer's name and version.
   */
  encode(spec: {
    graphName: string;
    inputs: readonly GraphValue[];
    outputs: readonly GraphValue[];
    opset: number;
    irVersion: number;
    producerVersion: string;
    docString: string;
  }): Uint8Array {
    const model = {
      irVersion: spec.irVersion,
      opsetImport: [{ domain: '', version: spec.opset }],
      producerName: 'latentkit',
      producerVersion: spec.producerVersion,
      docString: spec.docString,
      graph: {
        name: spec.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: spec.inputs.map(valueInfo),
        output: spec.outputs.map(valueInfo),
      },
    };
    const type = onnxModelType();
    return type.encode(type.fromObject(model)).finish();
  }

  private tensor(t: TensorMessage): string {
    this.claim(t.name, 'initializer');
    this.initializers.push(t);
    return t.name;
  }

  private claim(name: string, what: string): void {
    // Node and initializer names come from latentkit's own parameter names: a clash is a bug here.
    if (this.names.has(name)) {
      throw new InvalidArgumentError('name', `duplicate ${what} name '${name}' in one ONNX graph`);
    }
    this.names.add(name);
  }
}
