import { describe, expect, it } from 'vitest';
import { renderAuthPage, stylesheetHref } from './auth-pages';

describe('stylesheetHref', () => {
  it("finds the built stylesheet whatever attributes come before rel (Vite's order varies)", () => {
    expect(stylesheetHref('<head><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head>')).toBe(
      '/assets/index-abc.css',
    );
    expect(stylesheetHref('<head><link crossorigin rel="stylesheet" href="/assets/index-abc.css"></head>')).toBe(
      '/assets/index-abc.css',
    );
  });

  it('finds none without an index.html, without a stylesheet, or outside /assets', () => {
    expect(stylesheetHref(undefined)).toBeUndefined();
    expect(stylesheetHref('<head><link rel="icon" href="/favicon.svg"></head>')).toBeUndefined();
    expect(stylesheetHref('<link rel="stylesheet" href="https://cdn.example/x.css">')).toBeUndefined();
  });
});

describe('renderAuthPage', () => {
  it('escapes what it is given and links the stylesheet when there is one', () => {
    const html = renderAuthPage(
      { title: 'A <b> title', paragraphs: ['One & two', 'Three'], action: { label: 'Go "now"', href: '/x?a=1&b=2' } },
      '/assets/index-abc.css',
    );
    expect(html).toContain('<link rel="stylesheet" href="/assets/index-abc.css" />');
    expect(html).toContain('<title>A &lt;b&gt; title · Member lookup</title>');
    expect(html).toContain('<h1 class="text-xl font-semibold">A &lt;b&gt; title</h1>');
    expect(html).toMatch(/>One &amp; two<\/p>\s*<p [^>]*>Three<\/p>/);
    expect(html).toMatch(/<a href="\/x\?a=1&amp;b=2" [^>]*>Go &quot;now&quot;<\/a>/);
  });

  it('writes nothing in place of a missing stylesheet or action', () => {
    const html = renderAuthPage({ title: 'Plain', paragraphs: ['Only text.'] }, undefined);
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/favicon.svg" \/>\s*<title>/);
    expect(html).toMatch(/Only text\.<\/p>\s*<\/div>/);
    expect(html).not.toContain('<a ');
  });
});
