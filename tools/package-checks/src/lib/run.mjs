// Running child processes and logging, shared by every check step.
import { spawn } from 'node:child_process';

/**
 * Environment variables that `pnpm run` injects and that would confuse (or make noisy) an `npm`
 * started in the scratch project: npm reads any `npm_config_*` variable as a config setting, and
 * pnpm's own settings (e.g. `verify-deps-before-run`) are unknown to npm. Registry or proxy
 * settings a CI sets (`NPM_CONFIG_REGISTRY`, …) are kept.
 */
const PNPM_INJECTED =
  /^(npm_config_user_agent|npm_config_verify_deps_before_run|npm_package_.*|npm_lifecycle_.*|npm_command|npm_execpath|npm_node_execpath|pnpm_.*|PNPM_.*)$/;

/**
 * The current environment minus what `pnpm run` injected (see {@link PNPM_INJECTED}).
 *
 * @returns {NodeJS.ProcessEnv} A fresh copy, safe to modify.
 */
export function cleanEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!PNPM_INJECTED.test(key)) env[key] = value;
  }
  return env;
}

/**
 * @typedef {object} RunResult
 * @property {number} code Exit code (1 when the process was killed or could not start).
 * @property {string} stdout Captured standard output.
 * @property {string} stderr Captured standard error.
 * @property {number} ms Wall-clock duration in milliseconds.
 */

/**
 * @typedef {object} RunOptions
 * @property {string} cwd Working directory.
 * @property {NodeJS.ProcessEnv} [env] Environment (default: {@link cleanEnv}).
 * @property {number} [timeoutMs] Kill the process after this long (default 10 minutes).
 * @property {boolean} [echo] Stream output to this process's stdout/stderr as it arrives
 *   (default true); it is captured either way.
 */

/**
 * Runs a command (no shell), printing it first, and captures its output.
 * Never throws for a non-zero exit: callers inspect {@link RunResult.code}.
 *
 * @param {string} command Executable name or path.
 * @param {string[]} args Arguments.
 * @param {RunOptions} options Where and how to run it.
 * @returns {Promise<RunResult>} Exit code, output and duration.
 */
export function run(command, args, options) {
  const { cwd, env = cleanEnv(), timeoutMs = 10 * 60_000, echo = true } = options;
  console.log(`$ (cd ${cwd} && ${[command, ...args].map(quote).join(' ')})`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      stderr += `\n[package-checks] killed after ${timeoutMs} ms\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (echo) process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 1, stdout, stderr: `${stderr}${error.message}\n`, ms: Date.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Quotes a shell word for display only (commands are never run through a shell).
 *
 * @param {string} word
 * @returns {string}
 */
function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Prints a section heading.
 *
 * @param {string} title
 */
export function heading(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(3, 90 - title.length))}`);
}

/**
 * Collects pass/fail results of every check for the final summary.
 */
export class Report {
  constructor() {
    /** @type {{pkg: string, check: string, ok: boolean, warning?: boolean, detail: string}[]} */
    this.rows = [];
  }

  /**
   * Records a passing check and prints it.
   *
   * @param {string} pkg Package name (or `*` for shared steps).
   * @param {string} check Short check name.
   * @param {string} [detail] Extra information.
   */
  pass(pkg, check, detail = '') {
    this.rows.push({ pkg, check, ok: true, detail });
    console.log(`PASS ${pkg} ${check}${detail ? ` — ${detail}` : ''}`);
  }

  /**
   * Records a failing check and prints it loudly.
   *
   * @param {string} pkg Package name (or `*` for shared steps).
   * @param {string} check Short check name.
   * @param {string} detail What went wrong (may span several lines).
   */
  fail(pkg, check, detail) {
    this.rows.push({ pkg, check, ok: false, detail });
    console.error(`FAIL ${pkg} ${check} — ${detail}`);
  }

  /**
   * Records a warning (printed, listed in the summary, but not a failure).
   *
   * @param {string} pkg Package name (or `*` for shared steps).
   * @param {string} check Short check name.
   * @param {string} detail What to look at.
   */
  warn(pkg, check, detail) {
    this.rows.push({ pkg, check, ok: true, warning: true, detail });
    console.warn(`WARN ${pkg} ${check} — ${detail}`);
  }

  /** @returns {boolean} True when no check failed. */
  get ok() {
    return this.rows.every((row) => row.ok);
  }

  /** Prints the summary table. */
  print() {
    heading('Summary');
    for (const row of this.rows) {
      const firstLine = row.detail.split('\n')[0] ?? '';
      console.log(
        `${row.warning ? 'WARN' : row.ok ? 'PASS' : 'FAIL'}  ${row.pkg.padEnd(22)} ${row.check.padEnd(18)} ${firstLine}`,
      );
    }
  }
}
