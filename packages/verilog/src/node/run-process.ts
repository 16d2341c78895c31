import { spawn } from 'node:child_process';
import { requireKnownOptions } from '@latentkit/core';
import { VerilogToolError } from '../errors/verilog-tool-error.js';

/** Output of {@link runProcess}. */
export interface ProcessOutput {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
}

/**
 * Runs a program (no shell) in `cwd` and resolves with its output when it exits with code 0.
 * `signal` kills it (SIGKILL) and rejects with the signal's reason once it has exited, so no
 * process outlives an aborted call.
 *
 * @throws {@link VerilogToolError} if it cannot start, exits non-zero, or runs past `timeoutMs`.
 * @throws The signal's reason (an `AbortError` `DOMException` by default) when aborted.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function runProcess(
  program: string,
  args: readonly string[],
  options: {
    cwd: string;
    timeoutMs?: number;
    tool?: string;
    /** Kills the process and rejects with the signal's reason. */
    signal?: AbortSignal | undefined;
  },
): Promise<ProcessOutput> {
  requireKnownOptions(options, ['cwd', 'timeoutMs', 'tool', 'signal'], 'runProcess options');
  const tool = options.tool ?? program;
  const t0 = Date.now();
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            child.kill('SIGKILL');
          }, options.timeoutMs)
        : undefined;
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new VerilogToolError(tool, `could not start '${program}': ${e.message}`, stderr));
    });
    child.on('close', (code, killedBy) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(signal.reason);
      else if (code === 0) resolve({ stdout, stderr, ms: Date.now() - t0 });
      else {
        const why = killedBy ? `was killed (${killedBy})` : `exited with code ${code}`;
        reject(
          new VerilogToolError(
            tool,
            `'${program} ${args.join(' ').slice(0, 200)}' ${why}: ${(stderr || stdout).slice(-2000)}`,
            stderr || stdout,
          ),
        );
      }
    });
  });
}
