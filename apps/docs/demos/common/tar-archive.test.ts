import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarArchive } from './tar-archive.js';

describe('tarArchive', () => {
  it('is read back by the system tar, byte for byte', () => {
    const files = {
      'iris_vae.v': 'module iris_vae; endmodule\n',
      'w0.hex': '0a\nff\n'.repeat(200), // > 512 bytes: several records
      'empty.txt': '',
      'ünïcode.txt': 'µ σ ε\n',
    };
    const dir = mkdtempSync(join(tmpdir(), 'lk-tar-'));
    try {
      const archive = join(dir, 'a.tar');
      writeFileSync(archive, tarArchive(files, 'design'));
      const listed = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).trim().split('\n');
      expect(listed.sort()).toEqual(
        Object.keys(files)
          .map((f) => `design/${f}`)
          .sort(),
      );
      execFileSync('tar', ['-xf', archive, '-C', dir]);
      for (const [name, text] of Object.entries(files)) {
        expect(readFileSync(join(dir, 'design', name), 'utf8')).toBe(text);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic, 512-aligned, and refuses long or absolute names', () => {
    const a = tarArchive({ 'x.v': 'abc' });
    expect(a.length % 512).toBe(0);
    expect(a.length).toBe(512 + 512 + 1024);
    expect(tarArchive({ 'x.v': 'abc' })).toEqual(a);
    expect(() => tarArchive({ [`${'a'.repeat(101)}`]: '' })).toThrow(RangeError);
    expect(() => tarArchive({ '/etc/x': '' })).toThrow(RangeError);
  });
});
