import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnknownOptionError } from '@latentkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { smallBoard } from '../board/vivado-board.testutil.js';
import { vivadoProjectFiles } from '../board/vivado-project-files.js';
import { VerilogError } from '../errors/verilog-error.js';
import { writeBoardProject } from './write-board-project.js';

const root = mkdtempSync(join(tmpdir(), 'latentkit-board-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeBoardProject', () => {
  it('writes every file of vivadoProjectFiles and leaves no temporary folder', () => {
    const dir = join(root, 'a', 'board');
    const p = writeBoardProject(smallBoard(), dir, { outDir: 'bits' });
    const expected = vivadoProjectFiles(smallBoard(), { outDir: 'bits' });
    expect(p.dir).toBe(dir);
    expect(p.files).toEqual(Object.keys(expected).sort());
    expect(readdirSync(dir).sort()).toEqual(p.files);
    for (const [k, v] of Object.entries(expected))
      expect(readFileSync(join(dir, k), 'utf8')).toBe(v);
    expect(p.buildScript).toBe(join(dir, 'build.tcl'));
    expect(p.programScript).toBe(join(dir, 'program.tcl'));
  });

  it('replaces older versions and leaves files it does not name alone', () => {
    const dir = join(root, 'again');
    writeBoardProject(smallBoard(), dir);
    writeFileSync(join(dir, 'w.hex'), 'stale\n');
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    writeBoardProject(smallBoard(), dir);
    expect(readFileSync(join(dir, 'w.hex'), 'utf8')).toBe(smallBoard().files['w.hex']);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('checks the design before writing anything', () => {
    const dir = join(root, 'never');
    const d = smallBoard();
    delete d.files['w.hex'];
    expect(() => writeBoardProject(d, dir)).toThrow(VerilogError);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    expect(() => writeBoardProject(smallBoard(), dir, { part: 'x', out: 'y' } as never)).toThrow(
      UnknownOptionError,
    );
  });

  it('removes its temporary folder when a rename fails', () => {
    const dir = join(root, 'blocked');
    writeBoardProject(smallBoard(), dir);
    rmSync(join(dir, 'rom.v'));
    // A non-empty folder where a file must go: the rename fails (EISDIR on Linux).
    mkdirSync(join(dir, 'rom.v', 'inside'), { recursive: true });
    expect(() => writeBoardProject(smallBoard(), dir)).toThrow();
    expect(readdirSync(dir).filter((f) => f.startsWith('.latentkit-board-'))).toEqual([]);
  });
});
