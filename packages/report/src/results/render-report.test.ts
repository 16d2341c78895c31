import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import type { SavedResult } from './saved-result.js';

function result(name: string, quick: boolean, extra: Partial<SavedResult> = {}): SavedResult {
  return {
    benchmark: name,
    date: '2026-01-02T03:04:05.000Z',
    durationMs: 1500,
    options: { quick, backend: 'wasm' },
    environment: {
      node: 'v20',
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'cpu',
      logicalCores: 2,
      loadAverage1m: 0.5,
    },
    results: {},
    ...extra,
  };
}

describe('renderReport', () => {
  it('renders tables, notes and every figure kind as inline SVG', () => {
    const html = renderReport(
      [
        result('reference', false, {
          table: { columns: ['run', 'nats'], rows: [['seed 1', '105.1']] },
          notes: ['a note'],
          figures: [
            {
              kind: 'line',
              title: 'curves',
              xLabel: 'epoch',
              yLabel: 'nats',
              series: [{ name: 's', x: [1, 2], y: [3, 2] }],
            },
            {
              kind: 'scatter',
              title: 'scatter',
              xLabel: 'x',
              yLabel: 'y',
              x: [0, 1],
              y: [1, 0],
              classes: [0, 1],
              classNames: ['a', 'b'],
            },
            {
              kind: 'images',
              title: 'grid',
              rows: 1,
              cols: 1,
              height: 1,
              width: 1,
              pixels: Buffer.from([200]).toString('base64'),
            },
          ],
        }),
      ],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<td class="num">105.1</td>');
    expect(html).toContain('<pre>a note</pre>');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toContain('class="quick"');
  });

  it('renders extra titled tables and links to generated files, escaped', () => {
    const html = renderReport(
      [
        result('verilog', true, {
          tables: [
            {
              title: 'Errors <8-bit>',
              table: { columns: ['bits', 'MSE'], rows: [['8', '0.0123']] },
              caption: 'a & b',
            },
          ],
          files: ['files/verilog/mnist decoder/top.v', 'files/verilog/a.hex'],
        }),
      ],
      new Date(0),
    );
    expect(html).toContain('<h3>Errors &lt;8-bit&gt;</h3>');
    expect(html).toContain('<td class="num">0.0123</td>');
    expect(html).toContain('<p class="caption">a &amp; b</p>');
    expect(html).toContain('<summary>Generated files (2), next to this page</summary>');
    expect(html).toContain(
      '<a href="files/verilog/mnist%20decoder/top.v">files/verilog/mnist decoder/top.v</a>',
    );
  });

  it('flags quick-mode results and says so when there are none', () => {
    expect(renderReport([result('cvae', true)], new Date(0))).toContain(
      '<strong>Quick mode</strong> for cvae',
    );
    expect(renderReport([], new Date(0))).toContain('No results yet');
  });
});
