import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { runProcess } from './run-process.js';
import { synthesize } from './synthesize.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runProcess', () => {
  it('an abort kills the process and rejects with the signal reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latentkit-abort-'));
    const controller = new AbortController();
    // A child that records its pid and would otherwise sleep for 100 s.
    const script =
      "require('fs').writeFileSync('pid', String(process.pid)); setTimeout(() => {}, 100000);";
    const run = runProcess(process.execPath, ['-e', script], {
      cwd: dir,
      signal: controller.signal,
    });
    const pidFile = join(dir, 'pid');
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        readFileSync(pidFile);
        break;
      } catch {}
    }
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    controller.abort();
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
    expect(alive(pid)).toBe(false);
  });

  it('an already aborted signal starts nothing; a failing program is still a VerilogToolError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latentkit-abort-'));
    const reason = new Error('stop');
    await expect(
      runProcess(process.execPath, ['-e', 'x'], { cwd: dir, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    await expect(
      runProcess(process.execPath, ['-e', 'process.exit(3)'], {
        cwd: dir,
        signal: new AbortController().signal,
      }),
    ).rejects.toBeInstanceOf(VerilogToolError);
  });

  it('synthesize takes a signal too', async () => {
    const design = { top: 't', files: { 't.v': 'module t; endmodule\n' }, sources: ['t.v'] };
    await expect(
      synthesize(design as never, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
