import { LatentkitError } from '@latentkit/core';
import {
  type QuantizedMlp,
  type QuantizedVae,
  quantizeMlp,
  quantizeVae,
} from '@latentkit/quantize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../../vitest.fuzz.js';
import { nexysTop } from '../board/nexys-top.js';
import { nexysXdc } from '../board/nexys-xdc.js';
import { VERILOG_KEYWORDS } from '../hdl/identifier.js';
import { cxxrtlTestbench } from '../tb/cxxrtl-testbench.js';
import { mlpVectors } from '../tb/test-vectors.js';
import { uartBench } from '../tb/uart-harness.js';
import { verilogTestbench } from '../tb/verilog-testbench.js';
import { generateMlp } from './generate-mlp.js';
import { generateVae } from './generate-vae.js';

// Fuzzing every generator's handling of names (seeded): layer names, top-module names and the
// `top` of a design handed to the board and testbench generators are drawn from Unicode, control
// characters, line breaks, backticks, `*)`, quotes, backslashes, `$`, keywords and very long
// strings. Each call must either throw a LatentkitError or produce text in which
// - the name reaches nothing but `//` (or `#`) comments and identifiers: the code with comments
//   removed is exactly the code generated for the name with every character outside
//   [A-Za-z0-9_] replaced by `_` (sanitizing's first step), and
// - outside comments there is only printable ASCII, no backslash (escaped identifier), and every
//   module, file and design name is an identifier matching /^[A-Za-z_][A-Za-z0-9_$]*$/.

const NAME_RUNS = 300;
const VAE_RUNS = 120;
const BOARD_RUNS = 400;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

const PAYLOADS = [
  'fc1\n`define LATENTKIT_INJECTED 1\nmodule evil;',
  'x*) (* keep',
  '(* dont_touch = "true" *)',
  'a"b\\"c',
  '\\escaped ',
  '$display("hi")',
  '/* open',
  'end */ module m; endmodule //',
  'a\r\nb',
  'a\u2028b\u2029c\u0085d',
  '\u0000\u0007\u001b[31m',
  'üñïçødé ☃ 😀',
  '\ud800',
  '#1 $finish;',
  '; exec rm -rf x ;',
  '[get_ports {x}]',
  '../../etc/passwd',
  '',
  '_',
  '9lives',
  '__a__b__',
];

/** A name that would break generated text if it leaked out of a comment. */
const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.constantFrom(...VERILOG_KEYWORDS),
  fc.constantFrom(...[...VERILOG_KEYWORDS].slice(0, 20).map((k) => k.toUpperCase())),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({
    unit: fc.constantFrom('\n', '`', '*', ')', '(', '"', '\\', '$', '/', ' ', 'a', '_', '1'),
    maxLength: 24,
  }),
  fc.string({ unit: 'grapheme', minLength: 60, maxLength: 400 }),
  fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
);

const layer = (
  inFeatures: number,
  outFeatures: number,
  activation: 'relu' | 'sigmoid' | 'linear',
) => ({
  inFeatures,
  outFeatures,
  activation,
  weight: Float64Array.from({ length: inFeatures * outFeatures }, (_, i) => Math.sin(i + 1) * 0.5),
  bias: Float64Array.from({ length: outFeatures }, (_, i) => 0.1 * i),
});
const calibration = Float64Array.from({ length: 24 }, (_, i) => Math.sin(i * 0.7));

const MLP: QuantizedMlp = quantizeMlp(
  { layers: [layer(3, 2, 'relu'), layer(2, 2, 'sigmoid')] },
  { calibration, bits: 8 },
);
const VAE: QuantizedVae = quantizeVae(
  { encoder: { layers: [layer(3, 4, 'linear')] }, decoder: { layers: [layer(2, 3, 'sigmoid')] } },
  { calibration, bits: 10 },
);

/** Sanitizing's first step: what of a name may legitimately reach identifiers. */
const project = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');

const withNames = <T extends QuantizedMlp>(q: T, names: readonly (string | null)[]): T => ({
  ...q,
  layers: q.layers.map((l, k) => ({ ...l, name: names[k % names.length] ?? l.name })),
});

/** The text of a file with its comments removed (`#` for XDC, `//` otherwise), line by line. */
function codeOf(file: string, text: string): string {
  const mark = file.endsWith('.xdc') ? '#' : '//';
  return text
    .split('\n')
    .map((line) => {
      const at = line.indexOf(mark);
      return at < 0 ? line : line.slice(0, at);
    })
    .join('\n');
}

/** The checks every generated file set must pass, whatever names went in. */
function expectSafe(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    expect(file.replace(/\.(v|cc|hex|xdc)$/, '')).toMatch(IDENTIFIER);
    // No line breaks but \n, and no other control characters, anywhere (comments included).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    const code = codeOf(file, text);
    // Outside comments: printable ASCII only, and in Verilog no escaped identifier (a backslash
    // outside a string literal such as the testbenches' "…\n").
    expect(code).toMatch(/^[\t\n\u0020-\u007e]*$/);
    if (file.endsWith('.v')) {
      expect(code.replace(/"(?:[^"\\\n]|\\.)*"/g, '""')).not.toContain('\\');
    }
    for (const m of code.matchAll(/\bmodule\s+([^\s(#;]+)/g)) expect(m[1]).toMatch(IDENTIFIER);
  }
}

/**
 * The code (comments removed) of two file sets is the same: a name and its projection differ
 * only in characters that may not reach identifiers, so any difference is the raw name leaking.
 */
function sameCode(a: Record<string, string>, b: Record<string, string>): void {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const [file, text] of Object.entries(a)) {
    expect(codeOf(file, text)).toBe(codeOf(file, b[file]!));
  }
}

/** Runs `fn`; returns its result or the LatentkitError; anything else fails the case. */
function settle<T>(fn: () => T): T | LatentkitError {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof LatentkitError)) throw error;
    return error;
  }
}

describe('generated text under hostile names', () => {
  it(`${NAME_RUNS} layer and top names through generateMlp: safe text or a LatentkitError`, () => {
    const outcomes = { generated: 0, refused: 0 };
    const details = fc.check(
      fc.property(
        fc.array(fc.option(nameArb, { freq: 4 }), { minLength: 1, maxLength: 2 }),
        fc.option(nameArb),
        (layerNames, top) => {
          const q = withNames(MLP, layerNames);
          const design = settle(() => generateMlp(q, top === null ? {} : { name: top }));
          if (design instanceof LatentkitError) {
            outcomes.refused++;
            return;
          }
          expectSafe(design.files);
          expect(design.top).toMatch(IDENTIFIER);
          for (const l of design.layers) expect(l.module).toMatch(IDENTIFIER);
          const projected = generateMlp(
            withNames(
              MLP,
              layerNames.map((n) => (n === null ? null : project(n))),
            ),
            top === null ? {} : { name: project(top) },
          );
          expect(design.top).toBe(projected.top);
          sameCode(design.files, projected.files);
          outcomes.generated++;
        },
      ),
      { numRuns: NAME_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('verilog mlp names', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.generated + outcomes.refused).toBe(NAME_RUNS);
  });

  it(`${VAE_RUNS} layer and top names through generateVae: safe text or a LatentkitError`, () => {
    const outcomes = { generated: 0, refused: 0 };
    const details = fc.check(
      fc.property(nameArb, nameArb, fc.option(nameArb), (enc, dec, top) => {
        const q = {
          ...VAE,
          encoder: withNames(VAE.encoder, [enc]),
          decoder: withNames(VAE.decoder, [dec]),
        };
        const design = settle(() => generateVae(q, top === null ? {} : { name: top }));
        if (design instanceof LatentkitError) {
          outcomes.refused++;
          return;
        }
        expectSafe(design.files);
        const projected = generateVae(
          {
            ...VAE,
            encoder: withNames(VAE.encoder, [project(enc)]),
            decoder: withNames(VAE.decoder, [project(dec)]),
          },
          top === null ? {} : { name: project(top) },
        );
        expect(design.top).toBe(projected.top);
        sameCode(design.files, projected.files);
        outcomes.generated++;
      }),
      { numRuns: VAE_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('verilog vae names', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.generated + outcomes.refused).toBe(VAE_RUNS);
  });

  it(`${BOARD_RUNS} names through the board, XDC and testbench generators: safe text or a LatentkitError`, () => {
    const core = generateMlp(MLP, { name: 'core' });
    const vectors = mlpVectors(MLP, [[0, 1, -1]]);
    const board = nexysTop(core);
    const outcomes = { generated: 0, refused: 0 };
    const details = fc.check(
      // A raw name as the board's name option (sanitized), as an XDC top, and as the `top` of a
      // design edited by hand before it reaches a board or testbench generator.
      fc.property(nameArb, fc.boolean(), (name, sample) => {
        const runs = (n: string): (() => Record<string, string>)[] => [
          () => nexysTop(core, { name: n }).files,
          () => ({ 'board.xdc': nexysXdc(n, sample) }),
          () => nexysTop({ ...core, top: n }).files,
          () => verilogTestbench({ ...core, top: n }, vectors).files,
          () => cxxrtlTestbench({ ...core, top: n }).files,
          () => uartBench({ ...board, top: n }, vectors).files,
        ];
        const benign = runs(project(name));
        runs(name).forEach((run, k) => {
          const files = settle(run);
          if (files instanceof LatentkitError) {
            outcomes.refused++;
            return;
          }
          expectSafe(files);
          sameCode(files, benign[k]!());
          outcomes.generated++;
        });
      }),
      { numRuns: BOARD_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz(
      'verilog board/testbench names',
      details,
      fc.defaultReportMessage(details),
      outcomes,
    );
    expect(outcomes.generated).toBeGreaterThan(BOARD_RUNS);
  });
});
