// CommonJS consumer smoke test of @latentkit/onnx (the checks are in onnx.checks.cjs).
const mod = require('@latentkit/onnx');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');
const { run } = require('./onnx.checks.cjs');

assertNoTfjs('@latentkit/onnx'); // the importer reads protobuf and writes plain data, no tensor
run(mod, 'onnx.cjs');
