import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@latentkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeSafetensors } from '../../io/decode-safetensors.js';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import { saveSafetensorsFile } from './save-safetensors-file.js';

// Failure injection: node:fs/promises is wrapped so a test can make the temp-file write fail
// after a given number of bytes (like a full disk), or the final rename fail. Otherwise the real
// file system is used.
const inject = vi.hoisted(() => ({
  failWriteAfter: -1,
  failRename: false,
  opened: [] as string[],
  written: 0,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      inject.opened.push(String(args[0]));
      if (inject.failWriteAfter < 0) return handle;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'write') {
            return async (buffer: Uint8Array, offset: number, length: number) => {
              const room = inject.failWriteAfter - inject.written;
              if (room <= 0) {
                throw Object.assign(new Error('ENOSPC: no space left on device (injected)'), {
                  code: 'ENOSPC',
                });
              }
              const result = await target.write(buffer, offset, Math.min(length, room));
              inject.written += result.bytesWritten;
              return result;
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    rename: async (...args: Parameters<typeof actual.rename>) => {
      if (inject.failRename) {
        throw Object.assign(new Error('EXDEV: rename failed (injected)'), { code: 'EXDEV' });
      }
      return actual.rename(...args);
    },
  };
});

let dir: string;
const tensorsWith = (value: number, n = 1000) => ({
  w: { dtype: 'F32' as const, shape: [n], data: new Float32Array(n).fill(value) },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latentkit-save-'));
});

afterEach(() => {
  Object.assign(inject, { failWriteAfter: -1, failRename: false, opened: [], written: 0 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveSafetensorsFile', () => {
  it('writes bytes or tensors through a temp file in the same directory, then renames', async () => {
    const path = join(dir, 'model.safetensors');
    await saveSafetensorsFile(path, tensorsWith(1), { metadata: { config: '{}' } });
    const first = decodeSafetensors(await readFile(path));
    expect(first.metadata).toEqual({ config: '{}' });
    expect((first.tensors.w!.data as Float32Array)[999]).toBe(1);
    expect(
      inject.opened.some(
        (p) => p.startsWith(join(dir, '.model.safetensors.')) && p.endsWith('.tmp'),
      ),
    ).toBe(true);
    const bytes = encodeSafetensors(tensorsWith(2));
    await saveSafetensorsFile(path, bytes); // overwrites
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['model.safetensors']);
  });

  it('the next successful save removes temp files that killed saves left behind', async () => {
    const sub = join(dir, 'stale');
    await mkdir(sub);
    const path = join(sub, 'ckpt.safetensors');
    // What a process killed mid-write leaves, an hour old; and files that must stay.
    const stale = ['.ckpt.safetensors.0123456789ab.tmp', '.ckpt.safetensors.aaaaaaaaaaaa.tmp'];
    const keep = ['.other.safetensors.0123456789ab.tmp', '.ckpt.safetensors.notours.tmp', 'notes'];
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const name of [...stale, ...keep]) {
      await writeFile(join(sub, name), 'partial');
      await utimes(join(sub, name), hourAgo, hourAgo);
    }
    // A temp file still being written by another save (modified now) is left alone.
    const active = '.ckpt.safetensors.bbbbbbbbbbbb.tmp';
    await writeFile(join(sub, active), 'writing');
    await utimes(join(sub, active), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    await saveSafetensorsFile(path, tensorsWith(3));
    expect((await readdir(sub)).sort()).toEqual(['ckpt.safetensors', ...keep, active].sort());
  });

  it('a write failing mid-way leaves the old file intact and no temp file behind', async () => {
    const path = join(dir, 'mid-write.safetensors');
    const old = encodeSafetensors(tensorsWith(1));
    await writeFile(path, old);
    inject.failWriteAfter = 1500; // of ~4100 bytes
    await expect(saveSafetensorsFile(path, tensorsWith(2))).rejects.toThrow(/ENOSPC/);
    expect(inject.written).toBe(1500); // the failure really happened mid-write
    expect(new Uint8Array(await readFile(path))).toEqual(old);
    expect((await readdir(dir)).filter((f) => f.includes('mid-write'))).toEqual([
      'mid-write.safetensors',
    ]);
  });

  it('a failing rename leaves the old file intact and no temp file behind', async () => {
    const path = join(dir, 'rename.safetensors');
    const old = encodeSafetensors(tensorsWith(3));
    await writeFile(path, old);
    inject.failRename = true;
    await expect(saveSafetensorsFile(path, tensorsWith(4))).rejects.toThrow(/EXDEV/);
    expect(new Uint8Array(await readFile(path))).toEqual(old);
    expect((await readdir(dir)).filter((f) => f.includes('rename'))).toEqual([
      'rename.safetensors',
    ]);
  });

  it('bad tensors fail before anything is written; a missing directory is ENOENT', async () => {
    const path = join(dir, 'bad.safetensors');
    const old = encodeSafetensors(tensorsWith(5));
    await writeFile(path, old);
    const bad = { w: { dtype: 'F32' as const, shape: [3], data: new Float32Array(2) } };
    await expect(saveSafetensorsFile(path, bad)).rejects.toThrow(/needs 3 values/);
    expect(inject.opened).toEqual([]);
    expect(new Uint8Array(await readFile(path))).toEqual(old);
    await expect(
      saveSafetensorsFile(join(dir, 'nope', 'x.safetensors'), old),
    ).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await expect(saveSafetensorsFile('', old)).rejects.toThrow(InvalidArgumentError);
    expect((await readdir(dir)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
