import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape-xml.js';

describe('escapeXml', () => {
  it('escapes the five markup characters, ampersands first', () => {
    expect(escapeXml(`<a href="x">Tom's & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(escapeXml('&lt;')).toBe('&amp;lt;');
  });
});
