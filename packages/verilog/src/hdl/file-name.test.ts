import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { checkFileName } from './file-name.js';
import { HOSTILE_NAMES } from './text-scan.testutil.js';

describe('checkFileName', () => {
  it('accepts the names the generators write', () => {
    for (const n of ['lk_requant.v', 'my_mlp_module_w0.hex', 'tb_lk_mlp.cc', 'lk_vae_nexys.xdc']) {
      expect(checkFileName(n, 'f')).toBe(n);
    }
  });

  it('refuses paths, dot files, options and every hostile name', () => {
    for (const n of [...HOSTILE_NAMES, '', '.', '..', 'a/b.v', 'a\\b.v', '.hidden', '-o', 'a..v']) {
      expect(() => checkFileName(n, 'design.files')).toThrow(VerilogError);
    }
    expect(() => checkFileName('../x.v', 'design.files')).toThrow(
      'design.files: "../x.v" is not a plain file name',
    );
  });
});
