import { defineConfig } from 'tsup';

export default defineConfig({
  // One browser-safe entry: the ONNX schema is a JSON descriptor read by protobufjs/light, so
  // neither a .proto parser nor Node built-ins reach a bundle.
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
});
