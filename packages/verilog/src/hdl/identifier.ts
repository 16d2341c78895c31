import { quoteForMessage, requireKnownOptions } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';

/**
 * Reserved words of Verilog-2001 (IEEE 1364-2001 Annex B) plus the SystemVerilog keywords that
 * Verilator and Yosys reject as identifiers even in Verilog mode. A sanitized identifier never
 * equals one of these.
 */
export const VERILOG_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'always and assign automatic begin buf bufif0 bufif1 case casex casez cell cmos config ' +
    'deassign default defparam design disable edge else end endcase endconfig endfunction ' +
    'endgenerate endmodule endprimitive endspecify endtable endtask event for force forever fork ' +
    'function generate genvar highz0 highz1 if ifnone incdir include initial inout input instance ' +
    'integer join large liblist library localparam macromodule medium module nand negedge nmos nor ' +
    'noshowcancelled not notif0 notif1 or output parameter pmos posedge primitive pull0 pull1 ' +
    'pulldown pullup pulsestyle_onevent pulsestyle_ondetect rcmos real realtime reg release repeat ' +
    'rnmos rpmos rtran rtranif0 rtranif1 scalared showcancelled signed small specify specparam ' +
    'strong0 strong1 supply0 supply1 table task time tran tranif0 tranif1 tri tri0 tri1 triand ' +
    'trior trireg unsigned use uwire vectored wait wand weak0 weak1 while wire wor xnor xor ' +
    'bit byte logic int shortint longint class interface package program property sequence ' +
    'assert assume cover bind chandle const enum export import extern final foreach inside ' +
    'modport new null priority protected pure rand randc ref return static string struct super ' +
    'this type typedef union unique var virtual void'
  ).split(/\s+/),
);

/** Options of {@link sanitizeIdentifier}. */
export interface SanitizeOptions {
  /** Prepended (with `_`) when the name is empty or starts with a digit. Default `'n'`. */
  prefix?: string;
  /** Longest identifier kept (Verilog tools accept ≥ 1024; keep names readable). Default 64. */
  maxLength?: number;
}

/**
 * Turns any string (a layer name like `'encoder.fc1'`, `'2nd layer'`, `'module'`) into a legal,
 * readable Verilog-2001 simple identifier: every character outside `[A-Za-z0-9_]` becomes `_`,
 * runs of `_` collapse, leading/trailing `_` are dropped, a leading digit (or an empty result)
 * gets `prefix_`, keywords and names starting with `$` rules are avoided by appending `_`, and the
 * result is cut to `maxLength` characters. Deterministic; never throws for a string input.
 *
 * Tools mangle identifiers differently (CXXRTL doubles `_`), so the result also avoids a double
 * `_`.
 *
 * @throws {@link VerilogError} (`bad-option`) if `prefix` is itself not a legal identifier.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { sanitizeIdentifier } from '@latentkit/verilog';
 *
 * sanitizeIdentifier('encoder.fc1'); // → 'encoder_fc1'
 * sanitizeIdentifier('module'); // → 'module_x' (a Verilog keyword)
 * sanitizeIdentifier('2nd layer'); // → 'n_2nd_layer'
 * ```
 */
export function sanitizeIdentifier(name: string, options: SanitizeOptions = {}): string {
  requireKnownOptions(options, ['prefix', 'maxLength'], 'sanitizeIdentifier options');
  const prefix = options.prefix ?? 'n';
  const maxLength = options.maxLength ?? 64;
  if (!/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(prefix)) {
    throw new VerilogError('bad-option', `identifier prefix '${prefix}' is not a plain identifier`);
  }
  let s = String(name)
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (s === '' || /^[0-9]/.test(s)) s = s === '' ? prefix : `${prefix}_${s}`;
  if (s.length > maxLength) s = s.slice(0, maxLength).replace(/_$/, '');
  if (VERILOG_KEYWORDS.has(s.toLowerCase())) s = `${s}_x`;
  return s;
}

/**
 * Sanitizes several names so that the results are distinct (case-insensitively, because some
 * FPGA tools and file systems fold case): a clash gets `_2`, `_3`, … appended.
 *
 * @returns The identifiers, in the order of `names`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function uniqueIdentifiers(
  names: readonly string[],
  options: SanitizeOptions = {},
): string[] {
  requireKnownOptions(options, ['prefix', 'maxLength'], 'uniqueIdentifiers options');
  const seen = new Set<string>();
  return names.map((n) => {
    const base = sanitizeIdentifier(n, options);
    let id = base;
    for (let k = 2; seen.has(id.toLowerCase()); k++) id = `${base}_${k}`;
    seen.add(id.toLowerCase());
    return id;
  });
}

/**
 * Whether `name` is a simple Verilog identifier the generator would emit: `[A-Za-z_][A-Za-z0-9_]*`,
 * at most 128 characters, not a keyword of {@link VERILOG_KEYWORDS} (case-insensitively).
 */
export function isIdentifier(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name) &&
    !VERILOG_KEYWORDS.has(name.toLowerCase())
  );
}

/**
 * Checks that a name an emitter writes as a module name (and into file names derived from it)
 * is a simple identifier ({@link isIdentifier}). Names from users go through
 * {@link sanitizeIdentifier} first; this refuses what bypassed it (a hand-made `VerilogDesign`,
 * a direct call of a module generator).
 *
 * @param name - The identifier.
 * @param where - What it is, for the message (e.g. `'design.top'`).
 * @returns `name`.
 * @throws {@link VerilogError} (`bad-option`) naming `where` and quoting the name.
 */
export function checkIdentifier(name: unknown, where: string): string {
  if (!isIdentifier(name)) {
    throw new VerilogError(
      'bad-option',
      `${where}: ${quoteForMessage(name)} is not a simple Verilog identifier ` +
        '([A-Za-z_][A-Za-z0-9_]*, at most 128 characters, not a keyword); use sanitizeIdentifier',
    );
  }
  return name;
}
