import { fixedFormat } from '@latentkit/quantize';
import { buildLutUnit } from '@latentkit/quantize/internal';
import { describe, expect, it } from 'vitest';
import type { VerilogDesign } from '../design/verilog-design.js';
import { REQUANT_MODULE } from '../hdl/requant-module.js';
import { activationModule } from '../units/activation-module.js';
import { estimateTiming } from './estimate-timing.js';

/** The interpolating sigmoid LUT alone as a design, built for `mhz`. */
function lutDesign(mhz: number): VerilogDesign {
  const inF = fixedFormat(16, 12);
  const outF = fixedFormat(16, 14);
  const lut = buildLutUnit('sigmoid', inF, outF, { addressBits: 8, interpolate: true });
  const u = activationModule('sig', lut, inF, outF, 'half-even', { targetClockMHz: mhz });
  return {
    top: 'sig',
    files: { 'sig.v': u.text, 'lk_requant.v': REQUANT_MODULE, ...u.files },
    sources: ['lk_requant.v', 'sig.v'],
    io: { inputCount: 1, inputFormat: inF, outputCount: 1, outputFormat: outF, hasSample: false },
    layers: [],
  };
}

describe('estimateTiming (Yosys in WebAssembly)', () => {
  // One synthesis (about a minute on a loaded 2-core machine); the failing short form's path is
  // covered by parse-timing.test.ts on captured text.
  it('gives the pipelined LUT unit a worst logic path within 6.5 ns', async () => {
    const t = await estimateTiming(lutDesign(100), { budgetNs: 6.5 });
    expect(t.budgetNs).toBe(6.5);
    expect(t.sta).toContain("Latest arrival time in 'sig'");
    const p = t.paths[0]!;
    expect(p.steps.length).toBeGreaterThan(1);
    // a real path of several cells, yet no block RAM → DSP chain in one clock any more
    expect(t.worstNs).toBeGreaterThan(1);
    expect(t.worstNs).toBeLessThan(6.5);
    expect(t.pass).toBe(true);
    const types = p.steps.map((s) => s.cellType);
    expect(types.includes('RAMB18E1') && types.includes('DSP48E1')).toBe(false);
  }, 240_000);
});
