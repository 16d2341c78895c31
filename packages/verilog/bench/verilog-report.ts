/**
 * The figures of @latentkit/verilog for the `verilog` bench suite (not a test): generates the
 * 16-bit Iris VAE (with its Nexys4 DDR top) and the MNIST decoder 20-400-784 (W8A16, seeded
 * random weights), writes every generated file, simulates both with CXXRTL against the golden
 * model (1000 / 100 vectors), synthesizes both with @yowasp/yosys `synth_xilinx -family xc7`
 * (the MNIST decoder takes minutes — why it is here and not in `pnpm test`), and writes
 * `verilog-report.md` and `verilog-report.json`.
 *
 * Run: `npx tsx bench/verilog-report.ts [outDir]` (default `./verilog-report`). Needs g++.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  generateMlp,
  generateVae,
  mlpVectors,
  nexysTop,
  renderResources,
  uartDivider,
  type VerilogDesign,
  vaeVectors,
} from '../src/index.js';
import { simulateCxxrtl, synthesize, writeFiles } from '../src/node.js';
import { irisSetup } from '../test/iris.testutil.js';
import {
  latentCodes,
  MNIST_DECODER_LANES,
  quantizedMnistDecoder,
} from '../test/mnist-decoder.testutil.js';

const out = resolve(process.argv[2] ?? 'verilog-report');
mkdirSync(out, { recursive: true });

async function figures(
  name: string,
  core: VerilogDesign,
  synthTarget: VerilogDesign,
  vectors: Parameters<typeof simulateCxxrtl>[1],
) {
  writeFiles(synthTarget.files, join(out, name));
  const sim = await simulateCxxrtl(core, vectors, { stall: false });
  const synth = await synthesize(synthTarget);
  return {
    name,
    top: synthTarget.top,
    vectors: sim.vectors,
    mismatches: sim.mismatchList.length,
    latencyCycles: sim.latency,
    layers: core.layers,
    resources: { ...synth.resources, cells: synth.resources.cells },
    synthMs: synth.ms,
    simCompileMs: sim.compileMs,
    table: renderResources(synth.resources, synthTarget.top),
  };
}

const { q: irisQ, inputs } = await irisSetup(1000);
const iris = generateVae(irisQ, { name: 'iris_vae' });
const irisFig = await figures(
  'iris-vae',
  iris,
  nexysTop(iris),
  vaeVectors(irisQ, inputs, { sample: true }),
);
const { q: mnistQ } = quantizedMnistDecoder();
const mnist = generateMlp(mnistQ, {
  name: 'mnist_decoder',
  lanes: MNIST_DECODER_LANES,
  biasRomStyle: 'auto',
});
const mnistFig = await figures(
  'mnist-decoder',
  mnist,
  mnist,
  mlpVectors(mnistQ, latentCodes(mnistQ, 100)),
);

const div = uartDivider();
const md =
  `# @latentkit/verilog figures\n\n` +
  `UART: 100 MHz / ${div.clksPerBit} = ${div.actualBaud.toFixed(1)} baud (${div.errorPercent.toFixed(4)} % from 115200).\n\n` +
  [irisFig, mnistFig]
    .map(
      (f) =>
        `## ${f.name}\n\n` +
        `- bit-exact check (CXXRTL vs golden model): ${f.vectors} vectors, ${f.mismatches} mismatches\n` +
        `- latency: ${f.latencyCycles} cycles per inference (${(f.latencyCycles / 100).toFixed(2)} µs at 100 MHz)\n` +
        `- layers: ${f.layers.map((l) => `${l.layer} ${l.inFeatures}→${l.outFeatures} ${l.unit}, ${l.lanes} lane(s)`).join('; ')}\n` +
        `- synth_xilinx: ${(f.synthMs / 1000).toFixed(1)} s\n\n${f.table}`,
    )
    .join('\n');
writeFileSync(join(out, 'verilog-report.md'), md);
writeFileSync(
  join(out, 'verilog-report.json'),
  `${JSON.stringify({ uart: div, designs: [irisFig, mnistFig] }, null, 2)}\n`,
);
console.log(md);
