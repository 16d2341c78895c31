import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { vivadoProgramScript } from './vivado-program-script.js';

describe('vivadoProgramScript', () => {
  it('loads <outDir>/<top>.bit beside the script into the first matching device', () => {
    const s = vivadoProgramScript({ top: 'demo_top' });
    const steps = [
      'set here [file dirname [file normalize [info script]]]',
      'set bit [file join $here build $top.bit]',
      'if {![file readable $bit]}',
      'open_hw_manager',
      'connect_hw_server',
      'open_hw_target',
      'set pattern {xc7a100t*}',
      'get_hw_devices $pattern',
      'current_hw_device $device',
      'set_property PROGRAM.FILE $bit $device',
      'program_hw_devices $device',
      'refresh_hw_device $device',
      'close_hw_manager',
    ].map((n) => {
      const i = s.indexOf(n);
      expect(i, n).toBeGreaterThanOrEqual(0);
      return i;
    });
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(s).toContain('set top demo_top\n');
    expect(s).toContain('# Without Vivado: openFPGALoader -b nexys4ddr build/demo_top.bit\n');
  });

  it('takes the output folder and device pattern, each as one Tcl word', () => {
    const s = vivadoProgramScript({ top: 't' }, { outDir: 'bits', device: 'xc7a35t_0 [x]' });
    expect(s).toContain('set bit [file join $here bits $top.bit]\n');
    expect(s).toContain('set pattern {xc7a35t_0 [x]}\n');
  });

  it('refuses an empty top, a path as outDir and an unknown option key', () => {
    expect(() => vivadoProgramScript({ top: '' })).toThrow(VerilogError);
    expect(() => vivadoProgramScript({ top: 't' }, { outDir: 'a/b' })).toThrow(/plain file name/);
    expect(() => vivadoProgramScript({ top: 't' }, { outdir: 'b' } as never)).toThrow(
      UnknownOptionError,
    );
  });
});
