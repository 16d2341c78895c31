import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { VerilogToolError } from '../errors/verilog-tool-error.js';

/**
 * The full path of an executable found on `PATH`, or `null`. Looks only (never runs anything).
 *
 * @param name - Program name, e.g. `'iverilog'`.
 */
export function findTool(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const d of dirs) {
    for (const e of exts) {
      const p = join(d, name + e);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Like {@link findTool} but throws when the program is missing.
 *
 * @param hint - How to install it (e.g. the Debian package).
 * @throws {@link VerilogToolError} (`problem: 'missing'`).
 */
export function requireTool(name: string, hint: string): string {
  const p = findTool(name);
  if (!p) throw new VerilogToolError(name, `'${name}' is not on PATH; ${hint}`, '', 'missing');
  return p;
}

/**
 * Which simulators this machine has: CXXRTL needs only a C++ compiler (`g++` or `c++`).
 *
 * @example
 * ```ts
 * import { availableSimulators, simulateCxxrtl, simulateIverilog } from '@latentkit/verilog/node';
 *
 * const sims = availableSimulators(); // → { iverilog: false, verilator: false, cxxrtl: true }, say
 * const result = sims.iverilog ? await simulateIverilog(design, vectors) : await simulateCxxrtl(design, vectors);
 * ```
 */
export function availableSimulators(): {
  /** Icarus Verilog: both `iverilog` and `vvp` are on PATH. */
  iverilog: boolean;
  /** `verilator` is on PATH. */
  verilator: boolean;
  /** A C++ compiler (`g++` or `c++`) is on PATH (Yosys itself comes from `@yowasp/yosys`). */
  cxxrtl: boolean;
} {
  return {
    iverilog: findTool('iverilog') !== null && findTool('vvp') !== null,
    verilator: findTool('verilator') !== null,
    cxxrtl: findTool('g++') !== null || findTool('c++') !== null,
  };
}
