import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';

/** One memory of a design that `$readmemh` initializes (a weight, bias or lookup-table ROM). */
export interface DesignRom {
  /** Instance names from the top module down to the module that holds the memory. */
  path: string[];
  /** The module of each instance of `path` (so `modules.at(-1)` declares the memory, or the top when `path` is empty). */
  modules: string[];
  /** The module that declares the memory. */
  module: string;
  /** The memory's identifier in that module. */
  memory: string;
  /** The `.hex` file it is initialized from. */
  file: string;
  /** Word width in bits (from the declaration `reg [W-1:0] mem [0:D-1]`). */
  width: number;
  /** Words (D). */
  depth: number;
}

interface ModuleInfo {
  roms: { memory: string; file: string; width: number; depth: number }[];
  instances: { module: string; instance: string }[];
}

/** Splits Verilog text into `module … endmodule` bodies by name. */
function moduleBodies(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /^\s*module\s+([A-Za-z_][A-Za-z0-9_$]*)\b([\s\S]*?)^\s*endmodule\b/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1]!, m[2]!);
  return out;
}

function moduleInfo(name: string, body: string, known: ReadonlySet<string>): ModuleInfo {
  const roms: ModuleInfo['roms'] = [];
  const readRe = /\$readmemh\(\s*"([^"\\]+)"\s*,\s*([A-Za-z_][A-Za-z0-9_$]*)\s*\)/g;
  for (let m = readRe.exec(body); m; m = readRe.exec(body)) {
    const file = m[1]!;
    const memory = m[2]!;
    const decl = new RegExp(
      `\\breg\\s+(?:signed\\s+)?\\[(\\d+):0\\]\\s*${memory.replace(/\$/g, '\\$')}\\s*\\[0:(\\d+)\\]`,
    ).exec(body);
    if (!decl) {
      throw new VerilogError(
        'bad-model',
        `module '${name}': no plain declaration 'reg [W-1:0] ${memory} [0:D-1]' for the memory read from '${file}'`,
      );
    }
    roms.push({ memory, file, width: Number(decl[1]) + 1, depth: Number(decl[2]) + 1 });
  }
  const instances: ModuleInfo['instances'] = [];
  const instRe =
    /^\s*([A-Za-z_][A-Za-z0-9_$]*)\s*(?:#\s*\((?:[^()]|\([^()]*\))*\))?\s*([A-Za-z_][A-Za-z0-9_$]*)\s*\(/gm;
  for (let m = instRe.exec(body); m; m = instRe.exec(body)) {
    if (known.has(m[1]!)) instances.push({ module: m[1]!, instance: m[2]! });
  }
  return { roms, instances };
}

/**
 * Every `$readmemh`-initialized memory of a generated design, once per instance, with its
 * hierarchical path from `design.top` — what a testbench needs to read the ROMs back through
 * hierarchical references (`dut.<path>.<memory>[a]` in Verilog, `memory_<mangled path>` in
 * CXXRTL). Found by reading the design's own Verilog: module bodies, instances of other modules
 * of the design, `$readmemh("<file>", <memory>)` and the memory's declaration.
 *
 * @throws {@link VerilogError} (`bad-model`) if the top module is missing, a `$readmemh` memory has
 *   no plain declaration, or a `.hex` file of `design.files` is read by no memory (a ROM the
 *   read-back could not see).
 */
export function designRoms(design: VerilogDesign): DesignRom[] {
  const bodies = new Map<string, string>();
  for (const src of design.sources) {
    for (const [k, v] of moduleBodies(design.files[src] ?? '')) bodies.set(k, v);
  }
  const known = new Set(bodies.keys());
  const infos = new Map<string, ModuleInfo>();
  for (const [k, v] of bodies) infos.set(k, moduleInfo(k, v, known));
  if (!infos.has(design.top)) {
    throw new VerilogError('bad-model', `the sources declare no module '${design.top}'`);
  }
  const out: DesignRom[] = [];
  const walk = (module: string, path: string[], modules: string[]): void => {
    if (path.length > 64) throw new VerilogError('bad-model', `module '${module}' nests too deep`);
    const info = infos.get(module)!;
    for (const r of info.roms) out.push({ path, modules, module, ...r });
    for (const i of info.instances) {
      walk(i.module, [...path, i.instance], [...modules, i.module]);
    }
  };
  walk(design.top, [], []);
  const read = new Set(out.map((r) => r.file));
  for (const f of Object.keys(design.files)) {
    if (f.endsWith('.hex') && !read.has(f)) {
      throw new VerilogError('bad-model', `no memory under '${design.top}' reads '${f}'`);
    }
  }
  return out;
}

/** `u_a.u_b.mem`: a ROM's name below the top (what the testbenches print). */
export function romName(rom: Pick<DesignRom, 'path' | 'memory'>): string {
  return [...rom.path, rom.memory].join('.');
}
