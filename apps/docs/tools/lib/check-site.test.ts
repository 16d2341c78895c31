import { describe, expect, it } from 'vitest';
import { checkSite, isExternal, resolveLink, targetFile } from './check-site.js';
import { siteFilesFromRecord } from './site-files.js';

const page = (body: string) => `<!doctype html><html><head></head><body>${body}</body></html>`;

describe('resolveLink', () => {
  it('resolves relative, absolute, base-prefixed and fragment-only links', () => {
    expect(resolveLink('/guide/pca.html', '../math/pca.html#x')).toEqual({
      path: '/math/pca.html',
      fragment: 'x',
    });
    expect(resolveLink('/guide/pca.html', '/api/')).toEqual({ path: '/api/', fragment: '' });
    expect(resolveLink('/a/b.html', '/latentkit/c.html', '/latentkit/')).toEqual({
      path: '/c.html',
      fragment: '',
    });
    expect(resolveLink('/a/b.html', '#top')).toEqual({ path: '/a/b.html', fragment: 'top' });
    expect(resolveLink('/a/b.html', 'c.html?x=1')).toEqual({ path: '/a/c.html', fragment: '' });
    expect(resolveLink('/a.html', 'https://example.com/')).toBeUndefined();
  });

  it('treats schemes and protocol-relative URLs as external', () => {
    for (const url of ['https://x.org', 'mailto:a@b', '//cdn.x/y.js', 'data:image/png;base64,AA']) {
      expect(isExternal(url)).toBe(true);
    }
    expect(isExternal('/assets/x.js')).toBe(false);
  });

  it('maps directory and extensionless URLs to files', () => {
    const paths = new Set(['/index.html', '/api/index.html', '/guide/pca.html']);
    expect(targetFile(paths, '/')).toBe('/index.html');
    expect(targetFile(paths, '/api/')).toBe('/api/index.html');
    expect(targetFile(paths, '/guide/pca')).toBe('/guide/pca.html');
    expect(targetFile(paths, '/guide/nope')).toBeUndefined();
  });
});

describe('checkSite', () => {
  it('accepts a site whose links, anchors and assets all exist', () => {
    const site = siteFilesFromRecord({
      '/index.html': page(
        '<a href="/guide/pca.html#fit">x</a><script src="/assets/app.js"></script><link rel="stylesheet" href="./assets/s.css">',
      ),
      '/guide/pca.html': page(
        '<h2 id="fit">Fit</h2><a href="../index.html">home</a><a href="https://github.com/x">ext</a>',
      ),
      '/assets/app.js': '',
      '/assets/s.css':
        '@font-face{src:url(./f.woff2)} .a{background:url("data:image/png;base64,AA")}',
      '/assets/f.woff2': '',
    });
    expect(checkSite(site)).toEqual([]);
  });

  it('reports dead links, dead anchors, external loads, broken formulas and missing CSS files', () => {
    const site = siteFilesFromRecord({
      '/index.html': page(
        '<a href="/missing.html">a</a><a href="/b.html#nope">b</a>' +
          '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>' +
          '<link rel="stylesheet" href="https://fonts.googleapis.com/css">' +
          '<span class="katex-error" title="\\frac{">ParseError</span>',
      ),
      '/b.html': page('<p id="yes">b</p>'),
      '/assets/s.css':
        '@font-face{src:url(https://fonts.gstatic.com/x.woff2)} a{background:url(./gone.png)}',
    });
    const messages = checkSite(site).map((p) => `${p.file} ${p.message}`);
    expect(messages).toEqual([
      '/index.html formula failed to render: \\frac{',
      '/index.html dead link: /missing.html',
      '/index.html dead anchor: /b.html#nope (no id "nope")',
      '/index.html loads from another origin: <script> https://cdn.jsdelivr.net/npm/x.js',
      '/index.html loads from another origin: <link> https://fonts.googleapis.com/css',
      '/assets/s.css stylesheet loads from another origin: https://fonts.gstatic.com/x.woff2',
      '/assets/s.css stylesheet references a missing file: ./gone.png',
    ]);
  });

  it('ignores URLs inside scripts, styles and comments, and finds <a id> anchors', () => {
    const site = siteFilesFromRecord({
      '/index.html': page(
        '<script>const s = "<a href=\\"/nowhere.html\\">";</script><!-- <a href="/gone.html"> -->' +
          '<a id="quantizerupdate-1"></a><a href="#quantizerupdate-1">q</a>',
      ),
    });
    expect(checkSite(site)).toEqual([]);
  });
});
