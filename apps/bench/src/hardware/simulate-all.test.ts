import { fixedFormat } from '@latentkit/quantize';
import type { TestVectors, VerilogDesign } from '@latentkit/verilog';
import { describe, expect, it } from 'vitest';
import { INSTALL_HINTS, SIMULATORS, simulateAll } from './simulate-all.js';

const design: VerilogDesign = {
  top: 'none',
  files: {},
  sources: [],
  io: {
    inputCount: 1,
    inputFormat: fixedFormat(8, 0),
    outputCount: 1,
    outputFormat: fixedFormat(8, 0),
    hasSample: false,
  },
  layers: [],
};
const vectors: TestVectors = { inputs: [[1]], expected: [[1]], sample: false };

describe('simulateAll', () => {
  it('reports a missing simulator with an install hint instead of failing', async () => {
    const started: string[] = [];
    const runs = await simulateAll(design, vectors, {
      available: { cxxrtl: false, iverilog: false, verilator: false },
      onStart: (s) => started.push(s),
    });
    expect(started).toEqual([]);
    expect(runs.map((r) => r.simulator)).toEqual([...SIMULATORS]);
    for (const r of runs) {
      expect(r.ran).toBe(false);
      expect(r.pass).toBe(false);
      expect(r.note).toBe(`not installed: ${INSTALL_HINTS[r.simulator]}`);
    }
  });

  it('turns a tool failure into a run that did not pass, with the reason', async () => {
    // An empty design cannot be compiled: CXXRTL's Yosys step fails on the missing top module.
    const runs = await simulateAll(design, vectors, {
      simulators: ['cxxrtl'],
      available: { cxxrtl: true, iverilog: false, verilator: false },
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.ran).toBe(false);
    expect(runs[0]!.note).toMatch(/^failed: /);
  });
});
