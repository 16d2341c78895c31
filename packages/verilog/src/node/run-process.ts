import { spawn } from 'node:child_process';
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
 *
 * @throws {@link VerilogToolError} if it cannot start, exits non-zero, or runs past `timeoutMs`.
 */
export function runProcess(
  program: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; tool?: string },
): Promise<ProcessOutput> {
  const tool = options.tool ?? program;
  const t0 = Date.now();
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
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new VerilogToolError(tool, `could not start '${program}': ${e.message}`, stderr));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr, ms: Date.now() - t0 });
      else {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
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
