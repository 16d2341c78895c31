import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { verilogOutput } from './verilog/render-verilog.js';
import { trainVerilog } from './verilog/train-verilog.js';

/**
 * MNIST VAE → @latentkit/quantize → @latentkit/verilog: trains the VAE of
 * `VERILOG_VAE_CONFIG`, quantizes it (8, 12, 16 bits; error tables on the test set),
 * generates the 16-bit decoder's Verilog, checks it bit for bit against the golden model in
 * every installed simulator, synthesizes it with Yosys for the XC7A100T, and does the same for a
 * 16-bit Iris VAE with its Nexys4 DDR UART top. Steps: `verilog/train-verilog.ts` (training,
 * quantization, RTL, simulation, synthesis), `measure-verilog.ts` (errors, latency),
 * `render-verilog.ts` (tables, notes, figures, files, JSON).
 */
export const verilogBenchmark: Benchmark = {
  name: 'verilog',
  description:
    'MNIST VAE decoder in Verilog: quantization error (8/12/16-bit), bit-exact RTL simulation, XC7A100T resources',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    return verilogOutput(await trainVerilog(options), options);
  },
};
