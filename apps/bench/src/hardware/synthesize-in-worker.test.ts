import { fixedFormat } from '@latentkit/quantize';
import type { VerilogDesign } from '@latentkit/verilog';
import { describe, expect, it } from 'vitest';
import { synthesizeInWorker } from './synthesize-in-worker.js';

describe('synthesizeInWorker', () => {
  it("rejects with Yosys's message when the design does not parse", async () => {
    const broken: VerilogDesign = {
      top: 'broken',
      files: { 'broken.v': 'module broken(input wire a; endmodule\n' },
      sources: ['broken.v'],
      io: {
        inputCount: 1,
        inputFormat: fixedFormat(8, 0),
        outputCount: 1,
        outputFormat: fixedFormat(8, 0),
        hasSample: false,
      },
      layers: [],
    };
    await expect(synthesizeInWorker(broken)).rejects.toThrow(/syntax error|yosys/i);
  });
});
