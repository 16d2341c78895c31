import { describe, expect, it } from 'vitest';
import { htmlTable } from './html-table.js';

describe('htmlTable', () => {
  it('renders a header, one row per row, numbers right-aligned, text escaped', () => {
    const html = htmlTable({
      columns: ['run', 'samples/s', 'ratio'],
      rows: [
        ['a <b>', '3.41k', '0.27×'],
        ['c', '12,000', 'n/a'],
      ],
    });
    expect(html).toContain('<thead><tr><th>run</th><th>samples/s</th><th>ratio</th></tr></thead>');
    expect(html).toContain('<td>a &lt;b&gt;</td>');
    expect(html).toContain('<td class="num">12,000</td>');
    expect(html).toContain('<td class="num">0.27×</td>');
    expect(html).toContain('<td>n/a</td>');
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it('renders missing cells empty', () => {
    expect(htmlTable({ columns: ['a', 'b'], rows: [['x']] })).toContain('<td>x</td><td></td>');
  });
});
