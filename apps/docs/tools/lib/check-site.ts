import { posix } from 'node:path';
import { extractCssUrls, extractRefs } from './html-refs.js';

/** A problem found in the built site. */
export interface SiteProblem {
  /** Site path of the file it is in (`/guide/pca.html`). */
  file: string;
  /** What is wrong. */
  message: string;
}

/** The built site as the checker sees it. */
export interface SiteFiles {
  /** Site paths (`/index.html`, `/assets/x.css`) of every file. */
  paths: ReadonlySet<string>;
  /** The text of a file (HTML and CSS are read). */
  read(path: string): string;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Whether a URL leaves the site (a scheme such as `https:`/`mailto:`, or `//host`). */
export function isExternal(url: string): boolean {
  return EXTERNAL.test(url);
}

/**
 * The site path a link resolves to and its fragment, or undefined for external/`data:` URLs.
 * `base` is the site's base path (`/` or `/latentkit/`), stripped from absolute links.
 */
export function resolveLink(
  fromFile: string,
  url: string,
  base = '/',
): { path: string; fragment: string } | undefined {
  if (isExternal(url)) return undefined;
  const [beforeHash, ...hash] = url.split('#');
  const fragment = decodeURIComponent(hash.join('#'));
  const pathPart = (beforeHash ?? '').split('?')[0]!;
  if (pathPart === '') return { path: fromFile, fragment };
  let path: string;
  if (pathPart.startsWith('/')) {
    path = pathPart.startsWith(base) ? `/${pathPart.slice(base.length)}` : pathPart;
  } else {
    path = posix.join(posix.dirname(fromFile), pathPart);
  }
  return { path: posix.normalize(decodeURIComponent(path)), fragment };
}

/** The file a site path is served from (`/a/` → `/a/index.html`, `/a` → `/a.html`), or undefined. */
export function targetFile(paths: ReadonlySet<string>, path: string): string | undefined {
  const tries = path.endsWith('/')
    ? [`${path}index.html`]
    : [path, `${path}.html`, `${path}/index.html`];
  return tries.find((p) => paths.has(p));
}

/** Tags whose `src`/`href` the browser loads by itself (a link to another site is fine; these are not). */
const CDN_TAGS = new Set(['script', 'link', 'img', 'source', 'iframe', 'video', 'audio', 'embed']);

/**
 * Checks a built site: every internal `href`/`src` (and `#fragment`) resolves to a file (and an
 * `id`) of the site; no page loads a script, stylesheet, font or image from another origin; no
 * formula failed to render (`katex-error`); stylesheets only reference local files.
 *
 * @param site - The files.
 * @param base - The site's base path. Default `/`.
 * @returns Every problem, in file order (empty when the site is fine).
 */
export function checkSite(site: SiteFiles, base = '/'): SiteProblem[] {
  const problems: SiteProblem[] = [];
  const html = [...site.paths].filter((p) => p.endsWith('.html')).sort();
  const idCache = new Map<string, Set<string>>();
  const parsed = new Map<string, ReturnType<typeof extractRefs>>();
  const parse = (file: string) => {
    let p = parsed.get(file);
    if (!p) {
      p = extractRefs(site.read(file));
      parsed.set(file, p);
      idCache.set(file, p.ids);
    }
    return p;
  };

  for (const file of html) {
    const text = site.read(file);
    if (text.includes('katex-error')) {
      const m = /katex-error[^>]*title="([^"]*)"/.exec(text);
      problems.push({ file, message: `formula failed to render${m ? `: ${m[1]}` : ''}` });
    }
    for (const ref of parse(file).refs) {
      if (isExternal(ref.url)) {
        if (CDN_TAGS.has(ref.tag) && !/^(?:data|blob|mailto):/i.test(ref.url)) {
          const loads = ref.tag !== 'link' || !/\b(?:canonical|alternate|me)\b/.test(ref.rel ?? '');
          if (loads)
            problems.push({ file, message: `loads from another origin: <${ref.tag}> ${ref.url}` });
        }
        continue;
      }
      const target = resolveLink(file, ref.url, base);
      if (!target) continue;
      const found = targetFile(site.paths, target.path);
      if (!found) {
        problems.push({ file, message: `dead link: ${ref.url}` });
        continue;
      }
      if (target.fragment && found.endsWith('.html')) {
        const ids = idCache.get(found) ?? parse(found).ids;
        if (!ids.has(target.fragment)) {
          problems.push({ file, message: `dead anchor: ${ref.url} (no id "${target.fragment}")` });
        }
      }
    }
  }

  for (const file of [...site.paths].filter((p) => p.endsWith('.css')).sort()) {
    for (const url of extractCssUrls(site.read(file))) {
      if (url.startsWith('data:') || url.startsWith('#') || url === '') continue;
      if (isExternal(url)) {
        problems.push({ file, message: `stylesheet loads from another origin: ${url}` });
        continue;
      }
      const target = resolveLink(file, url, base);
      if (target && !targetFile(site.paths, target.path)) {
        problems.push({ file, message: `stylesheet references a missing file: ${url}` });
      }
    }
  }
  return problems;
}
