import type { SimulationResult } from '@latentkit/verilog/node';
import { describe, expect, it } from 'vitest';
import { skippedRun, summarizeRun } from './simulate-all.js';
import { bitExactSummary, simulationTable } from './simulation-table.js';

function result(mismatches: { vector: number; index: number }[]): SimulationResult {
  return {
    pass: mismatches.length === 0,
    vectors: 4,
    mismatches: mismatches.length,
    framing: 0,
    latency: 120,
    cycles: 480,
    timeout: false,
    roms: 7,
    romWords: 76,
    romMismatches: 0,
    romMismatchList: [],
    simulator: 'iverilog',
    outputs: [[1], [2], [3], [4]],
    mismatchList: mismatches.map((m) => ({ ...m, got: 0, expected: 1 })),
    compileMs: 1500,
    runMs: 250,
    log: '',
    dir: '/tmp/x',
  };
}

describe('summarizeRun', () => {
  it('counts the vectors whose every code matched', () => {
    const r = summarizeRun(
      result([
        { vector: 1, index: 0 },
        { vector: 1, index: 3 },
        { vector: 3, index: 2 },
      ]),
      [[1], [2], [3], [4]],
    );
    expect([r.vectors, r.mismatches, r.exactVectors, r.pass]).toEqual([4, 3, 2, false]);
    expect(summarizeRun(result([]), [[1], [2], [3], [4]]).exactVectors).toBe(4);
  });
});

describe('simulationTable', () => {
  it('has a row per simulator, saying why one did not run', () => {
    const runs = [
      summarizeRun(result([]), [[1], [2], [3], [4]]),
      skippedRun('verilator', 'not installed: Debian package verilator'),
    ];
    const t = simulationTable([{ design: 'core', runs }]);
    expect(t.rows).toEqual([
      ['core', 'iverilog', '4', '4', '0', '120', '120', '1.5', '0.3', 'PASS'],
      [
        'core',
        'verilator',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        'did not run: not installed: Debian package verilator',
      ],
    ]);
    expect(bitExactSummary(runs)).toBe('iverilog 4/4, verilator not installed');
    expect(bitExactSummary([skippedRun('cxxrtl', 'failed: boom')])).toBe('cxxrtl failed');
  });
});
