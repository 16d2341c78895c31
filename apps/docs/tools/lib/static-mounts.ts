import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentType } from './content-type.js';

/** A folder on disk served under a URL prefix, in `vitepress dev` and copied by the build. */
export interface StaticMount {
  /** URL prefix, starting and ending with `/` (e.g. `/tfjs-wasm/`). */
  url: string;
  /** Folder on disk. */
  dir: string;
  /** Which files of `dir` (relative paths with `/`) are served and copied. Default: all. */
  include?: (relativePath: string) => boolean;
}

/**
 * Maps a request path to a file of one of the mounts, or undefined. Paths that try to leave
 * the mount (`..`) or that the mount's filter excludes give undefined.
 */
export function resolveMountedFile(
  mounts: readonly StaticMount[],
  urlPath: string,
): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '');
  } catch {
    return undefined;
  }
  for (const mount of mounts) {
    if (!path.startsWith(mount.url)) continue;
    const rel = path.slice(mount.url.length);
    const file = normalize(join(mount.dir, rel));
    if (!file.startsWith(normalize(mount.dir) + sep)) continue;
    if (mount.include && !mount.include(rel)) continue;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/** Sends a file with its content type (used by the dev middleware). */
export function sendFile(res: ServerResponse, file: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType(extname(file)));
  res.setHeader('Content-Length', statSync(file).size);
  createReadStream(file).pipe(res);
}

/** Every file below `dir` as relative paths with `/`, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * Copies every mounted file into the built site (`outDir` + URL path). Returns the number of
 * files copied.
 */
export async function copyMounts(mounts: readonly StaticMount[], outDir: string): Promise<number> {
  let count = 0;
  for (const mount of mounts) {
    for (const rel of listFiles(mount.dir)) {
      if (mount.include && !mount.include(rel)) continue;
      const target = join(outDir, mount.url, rel);
      await mkdir(join(target, '..'), { recursive: true });
      await cp(join(mount.dir, rel), target);
      count++;
    }
  }
  return count;
}
