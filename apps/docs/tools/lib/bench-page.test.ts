import { describe, expect, it } from 'vitest';
import { renderBenchBody, type SavedResult } from './bench-page.js';

const result = (benchmark: string, quick: boolean): SavedResult => ({
  benchmark,
  description: 'Speed of {{things}}',
  date: '2026-11-30T10:00:00.000Z',
  durationMs: 1234,
  options: { quick, backend: 'wasm' },
  environment: {
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'Test CPU',
    logicalCores: 2,
    loadAverage1m: 0.5,
  },
  header: ['backend wasm'],
  table: { columns: ['case', 'ratio'], rows: [['a < b', '1.5×']] },
  notes: ['higher is better'],
  figures: [
    {
      kind: 'line',
      title: 'Loss',
      caption: 'per epoch',
      xLabel: 'epoch',
      yLabel: 'nats',
      series: [{ name: 'train', x: [1, 2, 3], y: [3, 2, 1] }],
    },
  ],
  results: {},
});

describe('renderBenchBody', () => {
  it('says so when there are no results', () => {
    const body = renderBenchBody([], './img', undefined);
    expect(body.markdown).toContain('No benchmark results in this build');
    expect(body.images).toEqual([]);
  });

  it('renders sections in the bench order, with tables, notes and chart files', () => {
    const body = renderBenchBody([result('pca', false), result('reference', true)], './img', {
      kind: 'local',
      path: 'apps/bench/bench-results',
    });
    const md = body.markdown;
    expect(md.indexOf('## reference')).toBeLessThan(md.indexOf('## pca')); // SECTION_ORDER of @latentkit/report
    expect(md).toContain('::: warning Quick mode');
    expect(md).toContain('`reference` ran in quick mode');
    expect(md).toContain(
      '<strong>your own run</strong>, read from <code>apps/bench/bench-results</code>',
    );
    expect(md).toContain('1 of 2 in quick mode');
    expect(md).toContain('<td class="num">1.5×</td>');
    expect(md).toContain('a &lt; b');
    expect(md).toContain('<img src="./img/pca-1.svg" alt="Loss"');
    expect(md).not.toContain('{{');
    expect(body.images.map((i) => i.name).sort()).toEqual(['pca-1.svg', 'reference-1.svg']);
    expect(body.images[0]!.svg).toMatch(/^<svg/);
  });

  it('renders the extra titled tables', () => {
    const r = {
      ...result('verilog', false),
      tables: [
        {
          title: 'Errors {{x}}',
          table: { columns: ['n', 'max'], rows: [['1', '0.25']] },
          caption: 'c',
        },
      ],
    };
    const md = renderBenchBody([r], './img', undefined).markdown;
    expect(md).toContain('<h3>Errors &#123;&#123;x&#125;&#125;</h3>');
    expect(md).toContain('<td class="num">0.25</td>');
    expect(md).toContain('<p>c</p>');
  });
});
