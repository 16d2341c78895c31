import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PALETTE } from '@latentkit/report';
import { describe, expect, it } from 'vitest';

// The demos and the bench report draw with one palette (@latentkit/report): a demo that writes a
// palette colour as a literal would drift from it unseen, so none may.
const DEMOS = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file: colour` for every palette colour written as a literal in `files`. */
function paletteLiterals(files: { path: string; text: string }[]): string[] {
  const colours = PALETTE.map((c) => c.toLowerCase());
  return files.flatMap(({ path, text }) =>
    [...text.toLowerCase().matchAll(/#[0-9a-f]{6}\b/g)]
      .map((m) => m[0])
      .filter((c) => colours.includes(c))
      .map((c) => `${path}: ${c}`),
  );
}

describe('demo colours come from @latentkit/report', () => {
  it('finds a palette colour written as a literal', () => {
    expect(paletteLiterals([{ path: 'a.ts', text: "color: '#0077BB'" }])).toEqual([
      'a.ts: #0077bb',
    ]);
    expect(paletteLiterals([{ path: 'a.ts', text: "color: '#123456'" }])).toEqual([]);
  });

  it('no demo source writes a palette colour as a literal', () => {
    const files = sources(DEMOS).map((path) => ({
      path: relative(DEMOS, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(20);
    expect(paletteLiterals(files)).toEqual([]);
  });
});
