/**
 * Browser-test probes for themes and small screens (playwright-core, Node side): the colours of
 * every piece of text a demo shows, and what sticks out of a phone-sized viewport.
 */
import type { Locator, Page } from 'playwright-core';
import { sampleContrast, type TextSample } from './contrast.js';

/**
 * Every visible piece of text inside `root` — elements with their own non-blank text, plus form
 * controls that show a value (`select`, text and number inputs, buttons) — with its computed
 * colour, the backgrounds behind it and its opacity. Disabled controls are left out (WCAG exempts
 * inactive components).
 */
export async function textColours(root: Locator): Promise<TextSample[]> {
  return root.evaluate((el) => {
    const out: {
      text: string;
      color: string;
      backgrounds: string[];
      opacity: number;
    }[] = [];
    const shows = (e: Element) =>
      e instanceof HTMLSelectElement ||
      e instanceof HTMLButtonElement ||
      (e instanceof HTMLInputElement && ['text', 'number', ''].includes(e.type)) ||
      [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    for (const e of [el, ...el.querySelectorAll('*')]) {
      if (!(e instanceof HTMLElement) || e instanceof HTMLOptionElement) continue;
      if (!shows(e) || e.closest(':disabled')) continue;
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      if (r.width === 0 || r.height === 0 || style.visibility !== 'visible') continue;
      const backgrounds: string[] = [];
      let opacity = 1;
      for (let a: Element | null = e; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        backgrounds.push(s.backgroundColor);
        opacity *= Number(s.opacity);
      }
      const text = (e instanceof HTMLInputElement ? e.value : (e.textContent ?? '')).trim();
      out.push({
        text: `<${e.tagName.toLowerCase()}> ${text.slice(0, 40)}`,
        color: style.color,
        backgrounds,
        opacity,
      });
    }
    return out;
  });
}

/** The samples of {@link textColours} whose contrast is below `min` (WCAG AA: 4.5), with it. */
export async function lowContrastText(
  root: Locator,
  min = 4.5,
): Promise<{ text: string; contrast: number; color: string }[]> {
  const samples = await textColours(root);
  if (samples.length === 0) throw new Error('no text found in the demo');
  return samples
    .map((s) => ({
      text: s.text,
      contrast: Math.round(sampleContrast(s) * 100) / 100,
      color: s.color,
    }))
    .filter((s) => s.contrast < min);
}

/**
 * Elements that reach past the right edge of the viewport (or make the page scroll sideways),
 * described by tag and class; empty when the page fits its width.
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
    }
    for (const e of document.querySelectorAll('.lk-live, .lk-live *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) {
        // A scroll container that clips its content is fine; report what escapes it.
        let clipped = false;
        for (let a = e.parentElement; a && !clipped; a = a.parentElement) {
          const s = getComputedStyle(a);
          clipped =
            ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) &&
            a.getBoundingClientRect().right <= width + 1;
        }
        if (!clipped)
          out.push(
            `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> right edge ${Math.round(r.right)} > ${width} px`,
          );
      }
    }
    return out.slice(0, 10);
  });
}
