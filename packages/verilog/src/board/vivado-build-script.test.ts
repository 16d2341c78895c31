import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { smallBoard } from './vivado-board.testutil.js';
import { vivadoBuildScript } from './vivado-build-script.js';

/** Position of each needle in `text`, for order checks. */
function positions(text: string, needles: string[]): number[] {
  return needles.map((n) => {
    const i = text.indexOf(n);
    expect(i, n).toBeGreaterThanOrEqual(0);
    return i;
  });
}

describe('vivadoBuildScript', () => {
  const script = vivadoBuildScript(smallBoard());

  it('lists the sources in order, the ROM images the sources read, and the XDC', () => {
    expect(script).toContain('set sources [list \\\n  rom.v \\\n  demo_top.v \\\n]\n');
    // unused.hex is not read by any source, so the build does not need it.
    expect(script).toContain('set memories [list \\\n  b.hex \\\n  w.hex \\\n]\n');
    expect(script).toContain('set constraints [list \\\n  demo_top.xdc \\\n]\n');
  });

  it('runs the non-project flow in order, from its own folder, with the timing gate', () => {
    const steps = positions(script, [
      'set here [file dirname [file normalize [info script]]]',
      'file readable [file join $here $f]',
      'cd $here',
      'set_msg_config -id {Synth 8-4445} -new_severity ERROR',
      'read_verilog [file join $here $f]',
      'read_xdc [file join $here $f]',
      'synth_design -top $top -part $part',
      'opt_design',
      'place_design',
      'route_design',
      'report_timing_summary -max_paths 10 -file',
      'report_utilization -file',
      'get_timing_paths -delay_type max',
      'if {$wns < 0 || $whs < 0}',
      'write_bitstream -force [file join $out $top.bit]',
    ]);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(script).toContain('set part xc7a100tcsg324-1\n');
    expect(script).toContain('set out [file join $here build]\n');
  });

  it('takes the part and the output folder as options', () => {
    const s = vivadoBuildScript(smallBoard(), { part: 'xc7a35ticsg324-1L', outDir: 'out_1' });
    expect(s).toContain('set part xc7a35ticsg324-1L\n');
    expect(s).toContain('set out [file join $here out_1]\n');
    expect(s).toContain('# Writes out_1/demo_top.bit');
  });

  it('makes every name one Tcl word and keeps comments on one line', () => {
    const s = vivadoBuildScript({ ...smallBoard(), top: 'a b[x]$y\n;z' }, { part: 'p{q' });
    expect(s).toContain('set top a\\ b\\[x\\]\\$y\\u000a\\;z\n');
    expect(s).toContain('set part p\\{q\n');
    expect(s.split('\n')[0]).toBe(
      "# Vivado non-project build of 'a b[x]$y ;z' for p(q (Digilent Nexys4 DDR).",
    );
  });

  it('uses the xdc text as <top>.xdc when files has no XDC', () => {
    const d = smallBoard();
    delete d.files['demo_top.xdc'];
    expect(vivadoBuildScript({ ...d, xdc: 'x' })).toContain('  demo_top.xdc \\\n');
    expect(() => vivadoBuildScript(d)).toThrow(/no constraints/);
  });

  it('refuses a design whose ROM image, source or file name is missing or unsafe', () => {
    const noRom = smallBoard();
    delete noRom.files['w.hex'];
    expect(() => vivadoBuildScript(noRom)).toThrow(VerilogError);
    expect(() => vivadoBuildScript(noRom)).toThrow(/rom\.v reads "w\.hex" with \$readmem/);
    const noSource = { ...smallBoard(), sources: ['rom.v', 'gone.v'] };
    expect(() => vivadoBuildScript(noSource)).toThrow(/source "gone\.v" is not in design\.files/);
    const badName = { ...smallBoard(), files: { ...smallBoard().files, '../x.v': '' } };
    expect(() => vivadoBuildScript(badName)).toThrow(/not a plain file name/);
    const badRom = smallBoard();
    badRom.files['rom.v'] = 'initial $readmemh("../etc/passwd", a);';
    expect(() => vivadoBuildScript(badRom)).toThrow(/not a plain file name/);
    expect(() => vivadoBuildScript({ ...smallBoard(), sources: [] })).toThrow(/at least one/);
    expect(() => vivadoBuildScript(smallBoard(), { outDir: '../up' })).toThrow(VerilogError);
  });

  it('refuses an unknown option key', () => {
    expect(() => vivadoBuildScript(smallBoard(), { parts: 'x' } as never)).toThrow(
      UnknownOptionError,
    );
  });
});
