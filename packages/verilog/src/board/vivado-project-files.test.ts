import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { smallBoard } from './vivado-board.testutil.js';
import { vivadoBuildScript } from './vivado-build-script.js';
import { vivadoProgramScript } from './vivado-program-script.js';
import { vivadoProjectFiles } from './vivado-project-files.js';

describe('vivadoProjectFiles', () => {
  it("is the design's files plus build.tcl, program.tcl and README.txt", () => {
    const d = smallBoard();
    const f = vivadoProjectFiles(d, { outDir: 'out' });
    expect(Object.keys(f).sort()).toEqual(
      [...Object.keys(d.files), 'build.tcl', 'program.tcl', 'README.txt'].sort(),
    );
    for (const [k, v] of Object.entries(d.files)) expect(f[k]).toBe(v);
    expect(f['build.tcl']).toBe(vivadoBuildScript(d, { outDir: 'out' }));
    expect(f['program.tcl']).toBe(vivadoProgramScript(d, { outDir: 'out' }));
    const readme = f['README.txt']!;
    expect(readme).toContain('vivado -mode batch -source build.tcl');
    expect(readme).toContain('vivado -mode batch -source program.tcl');
    expect(readme).toContain('openFPGALoader -b nexys4ddr out/demo_top.bit');
    expect(readme).toContain('2 Verilog sources, 2 ROM images');
  });

  it('writes the xdc text as <top>.xdc when files has none', () => {
    const d = smallBoard();
    delete d.files['demo_top.xdc'];
    expect(vivadoProjectFiles({ ...d, xdc: 'set_property X 1 [current_design]' })).toHaveProperty(
      'demo_top.xdc',
      'set_property X 1 [current_design]',
    );
  });

  it('refuses a design that already has a build.tcl, and an unknown option key', () => {
    const d = smallBoard();
    d.files['build.tcl'] = 'exit';
    expect(() => vivadoProjectFiles(d)).toThrow(/already has a file named 'build\.tcl'/);
    expect(() => vivadoProjectFiles(smallBoard(), { outdir: 'x' } as never)).toThrow(
      UnknownOptionError,
    );
  });
});
