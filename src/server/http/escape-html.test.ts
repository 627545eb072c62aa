import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that could open markup or leave an attribute, ampersands first', () => {
    expect(escapeHtml(`<a href="x" title='y'>&lt;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;lt;&lt;/a&gt;',
    );
  });

  it('leaves everything else as it is, line separators and all', () => {
    expect(escapeHtml('')).toBe('');
    expect(escapeHtml('Ava Chen · ünïcødé \u2028 / ` =')).toBe('Ava Chen · ünïcødé \u2028 / ` =');
  });
});
