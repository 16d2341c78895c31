import { describe, expect, it } from 'vitest';
import { lutMlp, tinyVae } from '../../test/rom-check.testutil.js';
import { generateMlp } from '../design/generate-mlp.js';
import { generateVae } from '../design/generate-vae.js';
import { VerilogError } from '../errors/verilog-error.js';
import { designRoms } from '../tb/design-roms.js';
import { axiStreamWrapper } from './axi-stream-wrapper.js';

describe('axiStreamWrapper', () => {
  const core = generateMlp(lutMlp(), { name: 'c' });

  it('adds one module with the AXI4-Stream ports around the core', () => {
    const d = axiStreamWrapper(core);
    expect(d.top).toBe('c_axis');
    expect(d.core).toBe('c');
    expect(d.sources).toEqual([...core.sources, 'c_axis.v']);
    expect(d.io).toEqual(core.io);
    const v = d.files['c_axis.v']!;
    for (const port of [
      'aclk',
      'aresetn',
      's_axis_tvalid',
      's_axis_tready',
      's_axis_tdata',
      's_axis_tlast',
      'm_axis_tvalid',
      'm_axis_tready',
      'm_axis_tdata',
      'm_axis_tlast',
      'tlast_error',
    ]) {
      expect(v).toMatch(new RegExp(`\\b${port}\\b`));
    }
    expect(v).not.toMatch(/\bsample\b/);
    expect(v).toContain('c u_core (');
    // 8-bit codes: one byte of TDATA each way.
    expect([d.inTdataWidth, d.outTdataWidth]).toEqual([8, 8]);
    // The core's ROMs are still found below the wrapper (u_core.…).
    expect(designRoms(d).every((r) => r.path[0] === 'u_core')).toBe(true);
  });

  it('passes sample through for a VAE and rounds TDATA up to whole bytes', () => {
    const d = axiStreamWrapper(generateVae(tinyVae(), { name: 'v' }));
    expect(d.files['v_axis.v']).toMatch(/input\s+wire\s+sample/);
    expect(d.files['v_axis.v']).toContain('.sample(sample)');
    expect(d.inTdataWidth).toBe(16);
  });

  it('refuses a name taken by a module of the core and unknown options', () => {
    expect(() => axiStreamWrapper(core, { name: 'c_fc1' })).toThrow(VerilogError);
    expect(() => axiStreamWrapper(core, { name: 'c' })).toThrow(/already a module/);
    expect(() => axiStreamWrapper(core, { nmae: 'x' } as never)).toThrow(/nmae/);
  });
});
