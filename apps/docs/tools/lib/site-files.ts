import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteFiles } from './check-site.js';
import { listFiles } from './static-mounts.js';

/** A built site folder as {@link SiteFiles} (site paths start with `/`). */
export function siteFilesFromDir(dir: string): SiteFiles {
  const paths = new Set(listFiles(dir).map((f) => `/${f}`));
  return { paths, read: (path) => readFileSync(join(dir, path), 'utf8') };
}

/** In-memory {@link SiteFiles} (tests). */
export function siteFilesFromRecord(files: Record<string, string>): SiteFiles {
  return {
    paths: new Set(Object.keys(files)),
    read: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
  };
}
