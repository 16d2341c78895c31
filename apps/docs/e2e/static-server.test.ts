import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotName } from './harness.js';
import { fileForPath, serveDir } from './static-server.js';

describe('static server', () => {
  const root = mkdtempSync(join(tmpdir(), 'lk-serve-'));
  mkdirSync(join(root, 'guide'));
  writeFileSync(join(root, 'index.html'), '<p>home</p>');
  writeFileSync(join(root, 'guide', 'pca.html'), '<p>pca</p>');
  writeFileSync(join(root, 'm.wasm'), new Uint8Array([0, 97, 115, 109]));

  it('maps URL paths to files, never outside the root', () => {
    expect(fileForPath(root, '/')).toBe(join(root, 'index.html'));
    expect(fileForPath(root, '/guide/pca')).toBe(join(root, 'guide', 'pca.html'));
    expect(fileForPath(root, '/guide/pca.html?x=1#y')).toBe(join(root, 'guide', 'pca.html'));
    expect(fileForPath(root, '/../etc/passwd')).toBeUndefined();
    expect(fileForPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(fileForPath(root, '/missing')).toBeUndefined();
  });

  it('serves files with their content types and 404s the rest', async () => {
    const server = await serveDir(root);
    try {
      const wasm = await fetch(`${server.origin}/m.wasm`);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
      expect((await fetch(`${server.origin}/guide/pca.html`)).status).toBe(200);
      expect((await fetch(`${server.origin}/nope.html`)).status).toBe(404);
      expect(server.missing).toEqual(['/nope.html']);
    } finally {
      await server.close();
    }
  });

  it('names screenshots after pages', () => {
    expect(screenshotName('/')).toBe('index.png');
    expect(screenshotName('/demos/pca.html')).toBe('demos-pca.png');
    expect(screenshotName('/api/@latentkit/models/node.html')).toBe(
      'api-@latentkit-models-node.png',
    );
  });
});
