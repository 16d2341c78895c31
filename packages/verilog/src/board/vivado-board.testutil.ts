import type { VivadoBuildInput } from './vivado-files.js';

/** A two-module design with two ROMs, as a board top looks to the script. */
export function smallBoard(): VivadoBuildInput {
  return {
    top: 'demo_top',
    sources: ['rom.v', 'demo_top.v'],
    files: {
      'rom.v':
        'module rom;\n  initial $readmemh("w.hex", a);\n  initial $readmemb( "b.hex" , c);\nendmodule\n',
      'demo_top.v': 'module demo_top;\n  rom u ();\nendmodule\n',
      'w.hex': '00\n01\n',
      'b.hex': '1\n',
      'unused.hex': 'ff\n',
      'demo_top.xdc': 'create_clock -period 10 [get_ports clk]\n',
    },
  };
}
