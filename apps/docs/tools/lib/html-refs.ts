/** One URL found in an HTML page. */
export interface HtmlRef {
  /** Tag name, lower case (`a`, `link`, `script`, `img`, …). */
  tag: string;
  /** Attribute the URL came from (`href`, `src`, `srcset`). */
  attr: string;
  /** The URL as written (entities decoded). */
  url: string;
  /** `rel` of a `<link>`, if any. */
  rel?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Decodes the few entities that occur in attribute values. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? _);
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*?)?\/?>/g;
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The attributes of one start tag's attribute text, names lower-cased. */
export function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    out.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/**
 * Every `href`/`src`/`srcset` URL of the start tags of an HTML page, plus every `id` (anchor
 * targets). A regex tokenizer is enough here: the input is the generator's own well-formed
 * output; `<script>`/`<style>` bodies and comments are skipped.
 */
export function extractRefs(html: string): { refs: HtmlRef[]; ids: Set<string> } {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2');
  const refs: HtmlRef[] = [];
  const ids = new Set<string>();
  for (const m of body.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase();
    const attrs = parseAttributes(m[2] ?? '');
    const id = attrs.get('id');
    if (id) ids.add(id);
    const name = attrs.get('name');
    if (tag === 'a' && name) ids.add(name);
    for (const attr of ['href', 'src', 'xlink:href']) {
      const url = attrs.get(attr);
      if (url === undefined || url === '') continue;
      const ref: HtmlRef = { tag, attr, url };
      const rel = attrs.get('rel');
      if (rel !== undefined) ref.rel = rel;
      refs.push(ref);
    }
    const srcset = attrs.get('srcset');
    if (srcset) {
      for (const part of srcset.split(',')) {
        const url = part.trim().split(/\s+/)[0];
        if (url) refs.push({ tag, attr: 'srcset', url });
      }
    }
  }
  return { refs, ids };
}

/** Every `url(...)` of a stylesheet. */
export function extractCssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}
