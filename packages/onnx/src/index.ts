export {
  type ImportedOnnxModel,
  type ImportOnnxOptions,
  importOnnxModel,
  type OnnxModelFiles,
} from './import-onnx-model.js';
export { type OnnxErrorSite, OnnxImportError, type OnnxProblem } from './onnx-import-error.js';
