export {
  type ExportedOnnxModel,
  type ExportOnnxOptions,
  exportOnnxModel,
} from './export-onnx-model.js';
export {
  type ImportedOnnxModel,
  type ImportOnnxOptions,
  importOnnxModel,
  type OnnxModelFiles,
} from './import-onnx-model.js';
export { OnnxExportError, type OnnxExportProblem } from './onnx-export-error.js';
export { type OnnxErrorSite, OnnxImportError, type OnnxProblem } from './onnx-import-error.js';
