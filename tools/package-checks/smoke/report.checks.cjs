// The checks both report smoke snippets run on the modules they loaded (ESM or CJS build): nice
// ticks, the palette, a line chart's SVG, a greyscale PNG read back by node:zlib, the saved-results
// guard, and a report folder written and re-read by the ./node entry. Throws on any mismatch.
const assert = require('node:assert/strict');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { inflateSync } = require('node:zlib');

/**
 * @param {typeof import('@latentkit/report')} report The main entry as loaded by the snippet.
 * @param {typeof import('@latentkit/report/node')} node The `./node` entry.
 * @param {string} label Which snippet ran the checks, for the closing line.
 */
function run(report, node, label) {
  // Ticks: multiples of 10 covering [103.2, 158.9]; inside [97, 312] with fixed limits.
  assert.deepEqual(report.niceTicks(103.2, 158.9, 6), [100, 110, 120, 130, 140, 150, 160]);
  assert.deepEqual(report.niceTicks(97, 312, 4, { within: true }), [100, 200, 300]);
  // A linear scale and its inverse: 0..4 onto 200..0.
  const sy = report.linearScale([0, 4], [200, 0]);
  assert.equal(sy(1), 150);
  assert.equal(sy.invert(50), 3);
  // Ten distinct palette colours; index 13 wraps to 3.
  assert.equal(new Set(report.PALETTE).size, 10);
  assert.equal(report.paletteColor(13), report.PALETTE[3]);
  // A line chart is one SVG element with the escaped title and the first palette colour.
  const svg = report.lineChartSvg({
    kind: 'line',
    title: 'a < b',
    xLabel: 'epoch',
    yLabel: 'nats',
    series: [{ name: 'train', x: [1, 2, 3], y: [3, 2, 1] }],
  });
  assert.ok(svg.startsWith('<svg ') && svg.endsWith('</svg>'));
  assert.ok(svg.includes('a &lt; b') && svg.includes(`stroke="${report.PALETTE[0]}"`));
  // A 2 × 1 grey PNG: the IDAT payload inflates to two rows of (filter byte, pixel).
  const png = report.encodeGreyPng(
    { width: 1, height: 2, pixels: Uint8Array.of(7, 200) },
    { deflate: node.zlibDeflate },
  );
  const idat = Buffer.from(png).indexOf('IDAT');
  const length = Buffer.from(png).readUInt32BE(idat - 4);
  const rows = inflateSync(png.subarray(idat + 4, idat + 4 + length));
  assert.equal(rows.length, 4);
  assert.equal(rows[1], 7); // first row: filter 0 or 1 leaves 7
  // A saved result written to a folder, read back and rendered as report.html.
  const saved = {
    benchmark: 'demo',
    date: '2026-01-02T03:04:05.000Z',
    durationMs: 5,
    options: { quick: true, backend: 'wasm' },
    environment: {
      node: 'v20',
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'cpu',
      logicalCores: 2,
      loadAverage1m: 0,
    },
    table: { columns: ['k', 'v'], rows: [['x', '1.5']] },
    results: {},
  };
  assert.ok(report.isSavedResult(saved) && !report.isSavedResult({ not: 'a result' }));
  const dir = mkdtempSync(join(tmpdir(), 'lk-report-smoke-'));
  try {
    writeFileSync(join(dir, 'demo.json'), JSON.stringify(saved));
    assert.deepEqual(
      node.loadSavedResults(dir).map((r) => r.benchmark),
      ['demo'],
    );
    const page = readFileSync(node.writeReport(dir).html, 'utf8');
    assert.ok(page.includes('<td class="num">1.5</td>'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${label} ok: ticks, scale, palette, line chart, PNG, saved result → report.html`);
}

module.exports = { run };
