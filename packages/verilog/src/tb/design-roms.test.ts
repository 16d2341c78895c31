import { describe, expect, it } from 'vitest';
import { lutMlp, tinyVae } from '../../test/rom-check.testutil.js';
import { generateMlp } from '../design/generate-mlp.js';
import { generateVae } from '../design/generate-vae.js';
import { VerilogError } from '../errors/verilog-error.js';
import { designRoms, romName } from './design-roms.js';

describe('designRoms', () => {
  it('finds every $readmemh memory with its instance path, width and depth', () => {
    const d = generateMlp(lutMlp(), { name: 'tiny', lanes: [2, 1] });
    const roms = designRoms(d);
    expect(roms.map(romName).sort()).toEqual([
      'u_tiny_fc1.brom_0',
      'u_tiny_fc1.brom_1',
      'u_tiny_fc1.u_act.rom',
      'u_tiny_fc1.wrom_0',
      'u_tiny_fc1.wrom_1',
      'u_tiny_fc2.brom_0',
      'u_tiny_fc2.wrom_0',
    ]);
    const w0 = roms.find((r) => r.file === 'tiny_fc1_w0.hex')!;
    // 5 neurons on 2 lanes: 3 groups of 3 inputs.
    expect(w0).toMatchObject({ path: ['u_tiny_fc1'], modules: ['tiny_fc1'], depth: 9, width: 8 });
    const lut = roms.find((r) => r.memory === 'rom')!;
    expect(lut.modules).toEqual(['tiny_fc1', 'tiny_fc1_act']);
    expect(lut.depth).toBe(33);
    // Every .hex file of the design is read by one of them.
    const hex = Object.keys(d.files).filter((f) => f.endsWith('.hex'));
    expect(new Set(roms.map((r) => r.file))).toEqual(new Set(hex));
  });

  it('finds the σ table of a VAE inside the reparameterization', () => {
    const d = generateVae(tinyVae(), { name: 'v' });
    const sigma = designRoms(d).filter((r) => r.path[0] === 'u_reparam');
    expect(sigma.map(romName)).toEqual(['u_reparam.u_sigma.rom']);
  });

  it('refuses a design whose .hex file no memory reads', () => {
    const d = generateMlp(lutMlp(), { name: 'tiny' });
    const files = { ...d.files, 'stray.hex': '00\n' };
    expect(() => designRoms({ ...d, files })).toThrow(VerilogError);
    expect(() => designRoms({ ...d, files })).toThrow(/stray\.hex/);
  });
});
