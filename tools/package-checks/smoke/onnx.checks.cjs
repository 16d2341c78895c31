// Checks shared by onnx.mjs and onnx.cjs: a tiny ONNX model written here byte by byte with the
// protobuf wire format (an encoder x[batch, 2] → Gemm → μ, Gemm → log σ², and a decoder z[batch, 1]
// → Gemm → Sigmoid), imported, with weights and the config checked against the numbers written.
const assert = require('node:assert/strict');

/** Protobuf varint. */
const varint = (n) => {
  const out = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return out;
};
const bytesField = (field, bytes) => [
  ...varint((field << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const varintField = (field, n) => [...varint(field << 3), ...varint(n)];
const text = (s) => [...Buffer.from(s, 'utf8')];
const floats = (values) => [...new Uint8Array(new Float32Array(values).buffer)];

/** TensorProto: dims (1), data_type FLOAT (2), name (8), raw_data (9). */
const tensor = (name, dims, values) => [
  ...dims.flatMap((d) => varintField(1, d)),
  ...varintField(2, 1),
  ...bytesField(8, text(name)),
  ...bytesField(9, floats(values)),
];
/** NodeProto: input (1), output (2), name (3), op_type (4); Gemm gets transB = 1 (attribute 5). */
const node = (op, inputs, output) => [
  ...inputs.flatMap((i) => bytesField(1, text(i))),
  ...bytesField(2, text(output)),
  ...bytesField(3, text(`/${output}`)),
  ...bytesField(4, text(op)),
  ...(op === 'Gemm'
    ? bytesField(5, [...bytesField(1, text('transB')), ...varintField(3, 1), ...varintField(20, 2)])
    : []),
];
/** ValueInfoProto of a float [batch, n] tensor. */
const valueInfo = (name, n) => {
  const dims = [
    ...bytesField(1, bytesField(2, text('batch'))),
    ...bytesField(1, varintField(1, n)),
  ];
  const tensorType = [...varintField(1, 1), ...bytesField(2, dims)];
  return [...bytesField(1, text(name)), ...bytesField(2, bytesField(1, tensorType))];
};
/** ModelProto: ir_version (1), graph (7), opset_import (8) version 13. */
const model = (nodes, inits, input, outputs) => {
  const graph = [
    ...nodes.flatMap((n) => bytesField(1, n)),
    ...bytesField(2, text('g')),
    ...inits.flatMap((t) => bytesField(5, t)),
    ...bytesField(11, valueInfo(...input)),
    ...outputs.flatMap((o) => bytesField(12, valueInfo(...o))),
  ];
  return Uint8Array.from([
    ...varintField(1, 7),
    ...bytesField(7, graph),
    ...bytesField(8, varintField(2, 13)),
  ]);
};

const encoder = model(
  [node('Gemm', ['x', 'wm', 'bm'], 'mu'), node('Gemm', ['x', 'wv', 'bv'], 'logvar')],
  [
    tensor('wm', [1, 2], [0.5, -1]),
    tensor('bm', [1], [0.25]),
    tensor('wv', [1, 2], [2, 3]),
    tensor('bv', [1], [-1]),
  ],
  ['x', 2],
  [
    ['mu', 1],
    ['logvar', 1],
  ],
);
const decoder = model(
  [node('Gemm', ['z', 'w', 'b'], 'h'), node('Sigmoid', ['h'], 'y')],
  [tensor('w', [2, 1], [4, -4]), tensor('b', [2], [0, 1])],
  ['z', 1],
  [['y', 2]],
);

/**
 * @param {any} mod The loaded @latentkit/onnx.
 * @param {string} label Which build, for the message.
 */
function run(mod, label) {
  const { config, record, float } = mod.importOnnxModel({ encoder, decoder });
  assert.equal(config.kind, 'vae');
  assert.deepEqual(config.inputShape, [2]);
  assert.equal(config.latentDim, 1);
  assert.equal(config.likelihood, 'bernoulli');
  // torch [out, in] → latentkit [in, out]: a [1, 2] Gemm weight becomes a [2, 1] column.
  assert.deepEqual(record['encoder.mu.weight'].shape, [2, 1]);
  assert.deepEqual([...record['encoder.logVar.weight'].data], [2, 3]);
  assert.deepEqual([...record['decoder.out.weight'].data], [4, -4]);
  assert.deepEqual([...record['decoder.out.bias'].data], [0, 1]);
  assert.equal(float.decoder.layers[0].activation, 'sigmoid');
  assert.throws(
    () => mod.importOnnxModel({ encoder: encoder.subarray(0, 20), decoder }),
    (e) => e instanceof mod.OnnxImportError && e.problem === 'malformed-protobuf',
  );
  console.log(`${label} ok (a hand-written VAE imported; a truncated file refused)`);
}

module.exports = { run };
