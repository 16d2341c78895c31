import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffApiReports, parseApiReport, renderApiDiff } from './api-diff.mjs';

const report = (/** @type {string[]} */ lines, entry = '@latentkit/x') =>
  ['# API report: x', '', 'text', '', `## ${entry}`, '', '```ts', ...lines, '```', ''].join('\n');

test('parseApiReport groups lines by entry and export name (overloads together)', () => {
  const parsed = parseApiReport(
    report(['function f(a: number): void', 'function f(a: string): void', 'const C: 1']),
  );
  assert.deepEqual([...(parsed.get('@latentkit/x')?.keys() ?? [])], ['f', 'C']);
  assert.equal(parsed.get('@latentkit/x')?.get('f')?.length, 2);
});

test('diffApiReports finds added, removed, changed and deprecated exports and options', () => {
  const before = report([
    'function adam(options?: AdamOptions): Optimizer',
    'interface AdamOptions = { lr?: number }',
    'function gone(): void',
    'function same(): void',
  ]);
  const after = report([
    'function adam(options?: AdamOptions): Optimizer  // @deprecated Use createAdam.',
    'interface AdamOptions = { learningRate?: number; lr?: number /* @deprecated */ }',
    'function createAdam(options?: AdamOptions): Optimizer',
    'function same(): void',
  ]);
  const changes = diffApiReports(before, after);
  const summary = changes.map((c) => `${c.kind} ${c.name}${c.note ? ` (${c.note})` : ''}`);
  assert.deepEqual(summary.sort(), [
    'added createAdam',
    'changed AdamOptions',
    'deprecated AdamOptions (properties lr)',
    'deprecated adam (Use createAdam.)',
    'removed gone',
  ]);
  // A deprecation alone is not a signature change.
  assert.ok(!changes.some((c) => c.kind === 'changed' && c.name === 'adam'));
  const md = renderApiDiff(changes);
  assert.match(md, /API diff of `@latentkit\/x`:/);
  assert.match(md, /- Removed: `gone`/);
  assert.match(md, /- Deprecated: `adam` \(Use createAdam\.\)/);
  assert.ok(md.indexOf('Removed') < md.indexOf('Added'));
});

test('a new package is all additions; no change says so', () => {
  const changes = diffApiReports('', report(['function f(): void']));
  assert.deepEqual(
    changes.map((c) => c.kind),
    ['added'],
  );
  assert.equal(renderApiDiff([]), 'No change to the public API.\n');
});
