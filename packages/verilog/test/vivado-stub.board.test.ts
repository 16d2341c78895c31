/**
 * The generated Vivado build and program scripts of two board tops — the Iris VAE and a small
 * MNIST-decoder-like MLP (latent 4 → 24 ReLU → 48 sigmoid, two MAC lanes on the last layer) —
 * run under `tclsh` against stub Vivado commands (see `vivado-stub.testutil.ts`): every source,
 * ROM image and XDC is read by absolute path, `$readmemh` names resolve whatever folder Vivado
 * is started in, the steps come in order, and a missing ROM image, a lost `cd` or failed timing
 * stop the build before `write_bitstream`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantizeMlp } from '@latentkit/quantize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardDesign, generateMlp, generateVae, nexysTop } from '../src/index.js';
import { type BoardProject, writeBoardProject } from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { randomMnistDecoder } from './mnist-decoder.testutil.js';
import { runStubVivado, type StubCall, tclshAvailable } from './vivado-stub.testutil.js';

const HAVE_TCLSH = tclshAvailable();
const root = mkdtempSync(join(tmpdir(), 'latentkit-vivado-board-'));
const boards: Record<string, BoardDesign> = {};

beforeAll(async () => {
  const { q } = await irisSetup(1);
  boards.iris = nexysTop(generateVae(q, { name: 'iris_vae' }));
  const f = randomMnistDecoder(3, 4, 24, 48);
  const calibration = Float64Array.from({ length: 64 * 4 }, (_, i) => Math.sin(i * 1.7) * 1.5);
  const mlp = quantizeMlp(f, { calibration, bits: 16 });
  boards.mnist = nexysTop(generateMlp(mlp, { name: 'mnist_decoder', lanes: [1, 2] }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const order = (calls: StubCall[]) => calls.map((c) => c.cmd).filter((c) => c !== 'readmem');

function project(name: string): BoardProject {
  return writeBoardProject(boards[name]!, join(root, name));
}

describe.each(['iris', 'mnist'])('Vivado build of the %s board top under stub Vivado', (name) => {
  it.runIf(HAVE_TCLSH)(
    'reads every file by absolute path, in order, and writes the bitstream',
    () => {
      const board = boards[name]!;
      const p = project(name);
      const r = runStubVivado(p.buildScript);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const hex = Object.keys(board.files).filter((f) => f.endsWith('.hex'));
      expect(hex.length).toBeGreaterThan(4);
      const steps = order(r.calls);
      const n = board.sources.length;
      expect(steps).toEqual([
        'set_msg_config',
        ...Array<string>(n).fill('read_verilog'),
        'read_xdc',
        'synth_design',
        'opt_design',
        'place_design',
        'route_design',
        'write_checkpoint',
        'report_timing_summary',
        'report_utilization',
        'get_timing_paths',
        'get_timing_paths',
        'get_property',
        'get_property',
        'write_bitstream',
      ]);
      const reads = r.calls.filter((c) => c.cmd === 'read_verilog').map((c) => c.args[0]);
      expect(reads).toEqual(board.sources.map((s) => join(p.dir, s)));
      const xdc = r.calls.find((c) => c.cmd === 'read_xdc')!;
      expect(xdc.args).toEqual([join(p.dir, `${board.top}.xdc`)]);
      // Every ROM image was opened by (stub) synthesis, from the board folder.
      const roms = r.calls.filter((c) => c.cmd === 'readmem').map((c) => c.args[0]);
      expect(new Set(roms)).toEqual(new Set(hex.map((h) => join(p.dir, h))));
      expect(r.calls.some((c) => c.cmd === 'critical_warning')).toBe(false);
      const synth = r.calls.find((c) => c.cmd === 'synth_design')!;
      expect(synth.args).toEqual(['-top', board.top, '-part', 'xc7a100tcsg324-1']);
      expect(synth.cwd).toBe(p.dir);
      const bit = join(p.dir, 'build', `${board.top}.bit`);
      expect(r.calls.at(-1)!.args).toEqual(['-force', bit]);
      expect(existsSync(bit)).toBe(true);
      for (const rpt of ['timing_summary.rpt', 'utilization.rpt', 'post_route.dcp']) {
        expect(existsSync(join(p.dir, 'build', rpt))).toBe(true);
      }
      expect(r.stdout).toContain('WNS = 0.5 ns, WHS = 0.05 ns');
    },
  );

  it.runIf(HAVE_TCLSH)('programs the board with the bitstream the build wrote', () => {
    const board = boards[name]!;
    const p = project(name);
    expect(runStubVivado(p.buildScript).status).toBe(0);
    const r = runStubVivado(p.programScript);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(order(r.calls)).toEqual([
      'open_hw_manager',
      'connect_hw_server',
      'open_hw_target',
      'get_hw_devices',
      'current_hw_device',
      'set_property',
      'program_hw_devices',
      'refresh_hw_device',
      'close_hw_manager',
    ]);
    const prog = r.calls.find((c) => c.cmd === 'set_property')!;
    expect(prog.args).toEqual([
      'PROGRAM.FILE',
      join(p.dir, 'build', `${board.top}.bit`),
      'xc7a100t_0',
    ]);
  });
});

describe('the stub build fails where the real one must', () => {
  it.runIf(HAVE_TCLSH)('a missing ROM image stops the build before synthesis', () => {
    const p = project('iris');
    const victim = Object.keys(boards.iris!.files).find((f) => f.endsWith('.hex'))!;
    rmSync(join(p.dir, victim));
    const r = runStubVivado(p.buildScript);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`missing file ${join(p.dir, victim)}`);
    expect(order(r.calls)).not.toContain('synth_design');
    expect(order(r.calls)).not.toContain('write_bitstream');
  });

  it.runIf(HAVE_TCLSH)('without the cd, synthesis cannot open the ROM images and stops', () => {
    const p = project('mnist');
    const script = readFileSync(p.buildScript, 'utf8');
    expect(script).toContain('\ncd $here\n');
    writeFileSync(p.buildScript, script.replace('\ncd $here\n', '\n'));
    const r = runStubVivado(p.buildScript);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('[Synth 8-4445] could not open $readmem data file');
    expect(order(r.calls)).not.toContain('write_bitstream');
  });

  it.runIf(HAVE_TCLSH)('and without the severity rule too, it is a critical warning only', () => {
    const p = project('mnist');
    const script = readFileSync(p.buildScript, 'utf8')
      .replace('\ncd $here\n', '\n')
      .replace(/\nset_msg_config [^\n]*\n/, '\n');
    writeFileSync(p.buildScript, script);
    const r = runStubVivado(p.buildScript);
    // This is the silent failure the generated script prevents: the bitstream is written with
    // every ROM zeroed.
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c.cmd === 'critical_warning').length).toBeGreaterThan(4);
    expect(r.calls.filter((c) => c.cmd === 'readmem')).toEqual([]);
  });

  it.runIf(HAVE_TCLSH)(
    'negative setup or hold slack stops the build before write_bitstream',
    () => {
      const p = project('iris');
      for (const env of [{ STUB_WNS: '-0.125' }, { STUB_WHS: '-0.01' }] as Record<
        string,
        string
      >[]) {
        const r = runStubVivado(p.buildScript, env);
        expect(r.status).not.toBe(0);
        expect(r.stderr).toContain('timing not met');
        expect(order(r.calls)).not.toContain('write_bitstream');
      }
    },
  );

  it.runIf(HAVE_TCLSH)('programming without a bitstream or without the board fails', () => {
    const p = project('iris');
    rmSync(join(p.dir, 'build'), { recursive: true, force: true });
    const none = runStubVivado(p.programScript);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('no bitstream at');
    expect(none.calls).toEqual([]);
    expect(runStubVivado(p.buildScript).status).toBe(0);
    const off = runStubVivado(p.programScript, { STUB_DEVICE: 'xc7k325t_0' });
    expect(off.status).not.toBe(0);
    expect(off.stderr).toContain('no device matching xc7a100t*');
    expect(order(off.calls)).not.toContain('program_hw_devices');
  });

  it.runIf(HAVE_TCLSH)('a hostile top name reaches synth_design as one literal word', () => {
    const b = boards.iris!;
    const dir = join(root, 'hostile');
    // Substituted, `[error injected]` would stop the script; `$env(HOME)` would expand.
    const top = 'x [error injected] $env(HOME) ; y {z';
    const p = writeBoardProject({ ...b, top }, dir);
    const r = runStubVivado(p.buildScript);
    expect(r.status).toBe(0);
    expect(r.calls.find((c) => c.cmd === 'synth_design')!.args).toEqual([
      '-top',
      top,
      '-part',
      'xc7a100tcsg324-1',
    ]);
    expect(existsSync(join(dir, 'build', `${top}.bit`))).toBe(true);
  });
});
