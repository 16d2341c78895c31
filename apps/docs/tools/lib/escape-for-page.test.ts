import { describe, expect, it } from 'vitest';
import { escapeForPage } from './escape-for-page.js';

describe('escapeForPage', () => {
  it('escapes HTML and Vue interpolation', () => {
    expect(escapeForPage('<b>{{x}}</b>')).toBe('&lt;b&gt;&#123;&#123;x&#125;&#125;&lt;/b&gt;');
  });
});
