import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { CXXRTL_MODEL_FILE, cxxrtlTestbench } from '../tb/cxxrtl-testbench.js';
import type { TestVectors } from '../tb/test-vectors.js';
import { type TestbenchOptions, vectorFiles } from '../tb/verilog-testbench.js';
import { findTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { plusargs } from './simulate-iverilog.js';
import { collectResult, type SimulateOptions, type SimulationResult } from './simulation-result.js';
import { writeFiles } from './work-dir.js';
import { cxxrtlIncludeDir, runYosysWasm } from './yosys-wasm.js';
import { yosysWord } from './yosys-word.js';

/** A compiled CXXRTL model with its C++ testbench, reusable for any vector set. */
export interface CxxrtlBuild {
  /** The design it was built from. */
  design: VerilogDesign;
  /** Folder holding the model, the bench and the executable. */
  dir: string;
  /** Path of the executable. */
  executable: string;
  /** Milliseconds in Yosys (`write_cxxrtl`). */
  yosysMs: number;
  /** Milliseconds in the C++ compiler. */
  compileMs: number;
}

/** Options of {@link compileCxxrtl}. */
export interface CxxrtlCompileOptions extends TestbenchOptions {
  /** Folder to build in (kept). Default: a fresh temp folder. */
  dir?: string;
  /** C++ compiler. Default `g++`, else `c++`, from PATH. */
  compiler?: string;
  /** Optimization flag. Default `'-O1'` (compiles fast; big designs simulate fast enough). */
  optimize?: string;
  /** Kills a running compiler and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Builds a CXXRTL simulation of the design with no HDL tool installed: Yosys in WebAssembly
 * (`@yowasp/yosys`: `read_verilog`, `hierarchy`, `proc`, `flatten`, `write_cxxrtl`, with the
 * `$readmemh` ROM images read at that point) writes a C++ model; the system C++ compiler builds
 * it with the generated C++ testbench and the CXXRTL runtime headers that ship inside
 * `@yowasp/yosys`.
 *
 * @throws {@link VerilogToolError} (`missing`) without a C++ compiler or `@yowasp/yosys`,
 *   (`failed`) when Yosys or the compiler report an error; `VerilogError` (`bad-option`) for a
 *   design whose top or file names are not plain (`checkDesignNames`), before anything runs.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { compileCxxrtl, simulateCxxrtl } from '@latentkit/verilog/node';
 *
 * const build = await compileCxxrtl(design); // Yosys (WebAssembly) + g++: once
 * const a = await simulateCxxrtl(build, vectorsA); // reuse the executable
 * const b = await simulateCxxrtl(build, vectorsB);
 * ```
 */
export async function compileCxxrtl(
  design: VerilogDesign,
  options: CxxrtlCompileOptions = {},
): Promise<CxxrtlBuild> {
  requireKnownOptions(
    options,
    ['dir', 'compiler', 'optimize', 'signal', 'timeoutCycles', 'maxReports'],
    'compileCxxrtl options',
  );
  checkDesignNames(design, 'compileCxxrtl');
  const compiler = options.compiler ?? findTool('g++') ?? findTool('c++');
  if (!compiler) {
    throw new VerilogToolError('g++', 'no C++ compiler (g++ or c++) on PATH', '', 'missing');
  }
  const sources = design.sources.map((s, i) => yosysWord(s, `design.sources[${i}]`));
  const script =
    `read_verilog ${sources.join(' ')}; hierarchy -top ${yosysWord(design.top, 'design.top')}; proc; flatten; ` +
    `write_cxxrtl ${CXXRTL_MODEL_FILE}`;
  const y = await runYosysWasm(['-q', '-p', script], design.files, options.signal);
  const model = y.files[CXXRTL_MODEL_FILE];
  if (typeof model !== 'string' && !(model instanceof Uint8Array)) {
    throw new VerilogToolError('yosys', `write_cxxrtl produced no ${CXXRTL_MODEL_FILE}`, y.log);
  }
  const tb = cxxrtlTestbench(design, {
    timeoutCycles: options.timeoutCycles,
    maxReports: options.maxReports,
  });
  const dir = writeFiles(tb.files, options.dir);
  writeFileSync(join(dir, CXXRTL_MODEL_FILE), model);
  const include = await cxxrtlIncludeDir();
  const exe = join(dir, 'sim_cxxrtl');
  const cc = await runProcess(
    compiler,
    ['-std=c++14', options.optimize ?? '-O1', '-w', '-I', include, '-o', exe, tb.top],
    { cwd: dir, signal: options.signal, tool: 'g++' },
  );
  return { design, dir, executable: exe, yosysMs: y.ms, compileMs: cc.ms };
}

/**
 * Simulates with CXXRTL (see {@link compileCxxrtl}); pass a {@link CxxrtlBuild} to reuse a
 * compiled model. Compares the codes it wrote with `vectors.expected`.
 *
 * @throws {@link VerilogToolError}; {@link VerilogError} (`bad-vectors`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { mlpVectors } from '@latentkit/verilog';
 * import { simulateCxxrtl } from '@latentkit/verilog/node';
 *
 * const r = await simulateCxxrtl(design, mlpVectors(q, inputs)); // needs only a C++ compiler
 * r.pass; r.mismatches; r.latency; // bit-exact check against the golden model; latency in cycles
 * ```
 */
export async function simulateCxxrtl(
  designOrBuild: VerilogDesign | CxxrtlBuild,
  vectors: TestVectors,
  options: SimulateOptions & CxxrtlCompileOptions = {},
): Promise<SimulationResult> {
  requireKnownOptions(
    options,
    [
      'sample',
      'stall',
      'dir',
      'timeoutMs',
      'signal',
      'compiler',
      'optimize',
      'timeoutCycles',
      'maxReports',
    ],
    'simulateCxxrtl options',
  );
  const prebuilt = 'executable' in designOrBuild;
  const build = prebuilt
    ? designOrBuild
    : await compileCxxrtl(designOrBuild, {
        dir: options.dir,
        compiler: options.compiler,
        optimize: options.optimize,
        signal: options.signal,
        timeoutCycles: options.timeoutCycles,
        maxReports: options.maxReports,
      });
  const dir = options.dir ?? build.dir;
  writeFiles(vectorFiles(build.design, vectors), dir);
  const run = await runProcess(build.executable, plusargs(vectors, options), {
    cwd: dir,
    signal: options.signal,
    tool: 'cxxrtl',
    timeoutMs: options.timeoutMs ?? 600_000,
  });
  const compileMs = prebuilt ? 0 : build.yosysMs + build.compileMs;
  return collectResult('cxxrtl', build.design, vectors, dir, run.stdout, compileMs, run.ms);
}
