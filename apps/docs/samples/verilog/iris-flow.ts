import { quantize } from '@latentkit/quantize';
import {
  generateVae,
  nexysTop,
  renderResources,
  vaeVectors,
} from '@latentkit/verilog';
import {
  simulateCxxrtl,
  simulateIverilog,
  synthesize,
} from '@latentkit/verilog/node';
import { q, test } from '../quantize/iris-vae.js';

// #region generate
// { top, files: { '*.v', '*.hex' }, io, layers }
const core = generateVae(q, { name: 'iris_vae' });
// + UART, LEDs and the Nexys4 DDR's board.xdc
const board = nexysTop(core);
console.log(Object.keys(board.files));
// #endregion generate

// #region verify
const fmt = q.encoder.layers[0]!.input;
const inputs: number[][] = [];
for (let r = 0; r < test.count; r++) {
  inputs.push(
    Array.from(test.features.subarray(4 * r, 4 * r + 4), (v) =>
      quantize(v, fmt),
    ),
  );
}
// expected codes from the golden model
const vectors = vaeVectors(q, inputs, { sample: true });
// Yosys (wasm) → C++ → g++; no HDL tool needed
const cxxrtl = await simulateCxxrtl(core, vectors);
// true 0 <cycles>
console.log(cxxrtl.pass, cxxrtl.mismatchList.length, cxxrtl.latency);
// Debian: apt-get install iverilog
const icarus = await simulateIverilog(core, vectors);
console.log(icarus.pass);
// #endregion verify

// #region synthesize
// synth_xilinx for the Artix-7, in WebAssembly
const { resources } = await synthesize(board);
// LUT, FF, DSP48E1, block RAM against the XC7A100T
console.log(renderResources(resources));
// #endregion synthesize
