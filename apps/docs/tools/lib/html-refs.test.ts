import { describe, expect, it } from 'vitest';
import { decodeEntities, extractCssUrls, extractRefs, parseAttributes } from './html-refs.js';

describe('html-refs', () => {
  it('parses quoted, unquoted and valueless attributes', () => {
    const a = parseAttributes(` href="/a?x=1&amp;y=2" class='c d' data-x=3 hidden`);
    expect(a.get('href')).toBe('/a?x=1&y=2');
    expect(a.get('class')).toBe('c d');
    expect(a.get('data-x')).toBe('3');
    expect(a.get('hidden')).toBe('');
  });

  it('collects href, src and srcset URLs with their tags, and ids', () => {
    const { refs, ids } = extractRefs(
      '<link rel="preload" href="/f.woff2"><img src="a.png" srcset="b.png 2x, c.png 3x"><h2 id="h">x</h2>',
    );
    expect(refs).toEqual([
      { tag: 'link', attr: 'href', url: '/f.woff2', rel: 'preload' },
      { tag: 'img', attr: 'src', url: 'a.png' },
      { tag: 'img', attr: 'srcset', url: 'b.png' },
      { tag: 'img', attr: 'srcset', url: 'c.png' },
    ]);
    expect([...ids]).toEqual(['h']);
  });

  it('decodes entities and finds CSS url()s', () => {
    expect(decodeEntities('&lt;a&gt; &quot;b&quot; &#39;c&#39; &amp;')).toBe(`<a> "b" 'c' &`);
    expect(extractCssUrls(`a{b:url(x.png)} c{d:url( "y.woff2" )} e{f:url('z.svg')}`)).toEqual([
      'x.png',
      'y.woff2',
      'z.svg',
    ]);
  });
});
