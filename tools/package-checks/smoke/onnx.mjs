// ESM consumer smoke test of @latentkit/onnx (the checks are in onnx.checks.cjs).
import * as mod from '@latentkit/onnx';
import { run } from './onnx.checks.cjs';

run(mod, 'onnx.mjs');
