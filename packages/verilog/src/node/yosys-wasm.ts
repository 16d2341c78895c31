import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VerilogToolError } from '../errors/verilog-tool-error.js';

/** A file tree as `@yowasp/yosys` takes and returns it. */
export interface YosysTree {
  [name: string]: YosysTree | string | Uint8Array;
}

type RunYosys = (
  args: string[],
  files: YosysTree,
  options?: {
    stdout?: ((b: Uint8Array | null) => void) | null;
    stderr?: ((b: Uint8Array | null) => void) | null;
  },
) => Promise<YosysTree>;

/**
 * Loads an ES module by file URL from both builds. In the ESM build (and under test runners)
 * `import()` does it; the CommonJS build turns `import()` into `require()`, which cannot load
 * @yowasp/yosys (an ES module) on Node 20, so it falls back to an `import()` the bundler cannot
 * rewrite.
 */
async function importEsm(url: string): Promise<unknown> {
  try {
    return await import(/* @vite-ignore */ url);
  } catch (first) {
    try {
      const dynamicImport = new Function('u', 'return import(u)') as (
        u: string,
      ) => Promise<unknown>;
      return await dynamicImport(url);
    } catch {
      throw first;
    }
  }
}

const HINT = 'install the npm package @yowasp/yosys (Yosys compiled to WebAssembly)';

function yosysGenDir(): string {
  const require = createRequire(import.meta.url);
  try {
    // The package's `exports` only lists its bundle; its directory holds the resources file.
    return dirname(require.resolve('@yowasp/yosys'));
  } catch {
    throw new VerilogToolError('yosys', `@yowasp/yosys is not installed; ${HINT}`, '', 'missing');
  }
}

/**
 * Runs Yosys (the `@yowasp/yosys` WebAssembly build, no native install needed) on a virtual file
 * tree and returns the files it wrote plus its log. Yosys runs in this process, so `signal` is
 * checked before it starts and when it returns (an abort in between takes effect then).
 *
 * @throws The signal's reason when `signal` is aborted.
 * @throws {@link VerilogToolError} (`missing`) without the package, (`failed`) when Yosys exits
 *   with an error (the message carries the end of its log).
 */
export async function runYosysWasm(
  args: string[],
  files: Record<string, string>,
  signal?: AbortSignal,
): Promise<{
  /** The file tree after the run: the input files plus every file Yosys wrote. */
  files: YosysTree;
  /** Yosys's standard output and standard error, interleaved. */
  log: string;
  /** Wall-clock time of the run, ms (loading the bundle excluded). */
  ms: number;
}> {
  signal?.throwIfAborted();
  const gen = yosysGenDir();
  const mod = (await importEsm(pathToFileURL(join(gen, 'bundle.js')).href)) as {
    runYosys: RunYosys;
  };
  let log = '';
  const decoder = new TextDecoder();
  const sink = (b: Uint8Array | null) => {
    if (b) log += decoder.decode(b, { stream: true });
  };
  const t0 = Date.now();
  try {
    const out = await mod.runYosys(args, files, { stdout: sink, stderr: sink });
    signal?.throwIfAborted();
    return { files: out, log, ms: Date.now() - t0 };
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw new VerilogToolError(
      'yosys',
      `yosys failed: ${(e as Error).message}\n${log.slice(-3000)}`,
      log,
    );
  }
}

let includeDir: string | null = null;

/**
 * A folder holding the CXXRTL runtime headers shipped inside `@yowasp/yosys` (its
 * `gen/resources-yosys.js` file tree, `share/include/backends/cxxrtl/runtime/`), written once per
 * process under the OS temp directory. Compile CXXRTL models with `-I <this folder>`.
 */
export async function cxxrtlIncludeDir(): Promise<string> {
  if (includeDir && existsSync(join(includeDir, 'cxxrtl', 'cxxrtl.h'))) return includeDir;
  const gen = yosysGenDir();
  const res = (await importEsm(pathToFileURL(join(gen, 'resources-yosys.js')).href)) as {
    filesystem: YosysTree;
  };
  const share = res.filesystem.share as YosysTree | undefined;
  const runtime = ((share?.include as YosysTree | undefined)?.backends as YosysTree | undefined)
    ?.cxxrtl as YosysTree | undefined;
  const tree = runtime?.runtime as YosysTree | undefined;
  if (!tree) {
    throw new VerilogToolError(
      'yosys',
      'the CXXRTL runtime headers were not found in @yowasp/yosys',
      '',
      'missing',
    );
  }
  const dir = join(tmpdir(), `latentkit-cxxrtl-runtime-${process.pid}`);
  const write = (t: YosysTree, at: string) => {
    mkdirSync(at, { recursive: true });
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string' || v instanceof Uint8Array) writeFileSync(join(at, k), v);
      else write(v, join(at, k));
    }
  };
  write(tree, dir);
  includeDir = dir;
  return dir;
}
