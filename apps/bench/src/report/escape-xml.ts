/**
 * Escapes text for XML/HTML content and double-quoted attribute values (`&`, `<`, `>`, `"`, `'`).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
