import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe (Verilog/XDC/testbench text, hex files as strings); `node` spawns the
  // simulators and runs @yowasp/yosys.
  // `bin/latentkit-board` is the host command (`runBoardCli`).
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'bin/latentkit-board': 'src/bin/latentkit-board.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (the error classes) lives in one chunk used by both entries, so `instanceof`
  // works across `@latentkit/verilog` and `@latentkit/verilog/node`.
  splitting: true,
  // Loaded at run time from the user's install (a dev dependency here), never bundled.
  external: ['@yowasp/yosys', 'serialport'],
});
