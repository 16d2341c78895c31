/**
 * Which simulators the tests use. CXXRTL (@yowasp/yosys + the system C++ compiler) ALWAYS runs.
 * Icarus Verilog runs when installed; it is REQUIRED (a missing `iverilog` fails the test with an
 * install hint) when `CI` or `LATENTKIT_REQUIRE_IVERILOG=1` is set — `.ci/run` installs the
 * Debian package `iverilog`. On a developer machine without it, the iverilog comparisons are
 * reported as not run (console warning) and CXXRTL alone carries the bit-exactness check.
 */
import { availableSimulators } from '../src/node.js';

export const HAVE = availableSimulators();

export const REQUIRE_IVERILOG =
  (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') ||
  process.env.LATENTKIT_REQUIRE_IVERILOG === '1';

/** True when the iverilog half of a test can run; throws when it must but cannot. */
export function iverilogAvailable(): boolean {
  if (HAVE.iverilog) return true;
  if (REQUIRE_IVERILOG) {
    throw new Error('iverilog is required here (CI): apt-get install iverilog');
  }
  console.warn('iverilog not installed: the Icarus Verilog comparison did not run (CXXRTL did)');
  return false;
}
