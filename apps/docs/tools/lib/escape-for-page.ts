import { escapeXml } from '@latentkit/report';

/** Escapes text for the page: HTML-escaped, and `{{` so Vue does not read it as interpolation. */
export function escapeForPage(text: string): string {
  return escapeXml(text).replace(/\{\{/g, '&#123;&#123;').replace(/\}\}/g, '&#125;&#125;');
}
