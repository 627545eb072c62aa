import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { FirstPaintInput } from '../../../contract/first-paint';
import { formatDate, formatDateTime } from '../../format/dates';
import { AppMetaContext } from '../../layout/app-meta-context';
import { Frame } from '../../layout/app-shell';
import { testMember } from '../../test-fixtures';
import { renderMemberFirstPaint } from './first-paint';
import { HistoryPlaceholder, MemberLayout } from './member-layout';

const ava = testMember('mber_demoAvaChen');
const input = (over: Partial<FirstPaintInput> = {}): FirstPaintInput => ({
  member: ava,
  meta: { mode: 'live', demoMembers: [], signedInAs: null },
  origin: 'https://lookup.example',
  updatedAt: Date.now(),
  locale: 'en-US',
  timeZone: 'UTC',
  ...over,
});

/** The page's text as a reader sees it, one string (whitespace collapsed). */
function textOf(html: string): string {
  const box = document.createElement('div');
  box.innerHTML = html;
  return (box.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A tree as lines: each element's tag and classes, each text, in document order. */
function outline(root: Element): string[] {
  const lines: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) lines.push(`<${node.tagName.toLowerCase()} ${node.getAttribute('class') ?? ''}>`);
    else if (node.textContent?.trim()) lines.push(node.textContent.trim());
  }
  return lines;
}

describe("a deep link's first paint, rendered on the server", () => {
  it('is the page the app renders first: the same markup, so nothing moves when the app takes over', () => {
    const now = Date.now();
    const server = renderMemberFirstPaint(input({ updatedAt: now, locale: undefined, timeZone: undefined }));
    const app = render(
      <AppMetaContext value={{ mode: 'live', demoMembers: [] }}>
        <MemoryRouter initialEntries={['/members/mber_demoAvaChen']}>
          <QueryClientProvider client={new QueryClient()}>
            <Frame>
              <MemberLayout
                member={ava}
                updatedAt={now}
                refreshing={false}
                refreshError={null}
                onRefresh={() => {}}
                link="https://lookup.example/members/mber_demoAvaChen"
                panels={false}
                history={<HistoryPlaceholder />}
              />
            </Frame>
          </QueryClientProvider>
        </MemoryRouter>
      </AppMetaContext>,
    );
    // Compared as what decides how it looks: every element with its classes, and every text, in order.
    const parsed = document.createElement('div');
    parsed.innerHTML = server;
    const marker = parsed.firstElementChild;
    expect(marker?.hasAttribute('data-first-paint')).toBe(true);
    expect(marker && outline(marker)).toEqual(outline(app.container));
  });

  it('shows who the member is and where they stand, with the heading the page times', () => {
    const html = renderMemberFirstPaint(input());
    expect(html).toContain('elementtiming="member-name"');
    const text = textOf(html);
    expect(text).toContain('Ava Chen');
    expect(text).toContain('$1,234.50');
    expect(text).toContain('Customer');
    expect(text).toContain('Loading payments');
  });

  it("writes dates in the reader's locale and time zone, and leaves the defaults as they were", () => {
    const before = formatDateTime(ava.joined_at);
    const tokyo = textOf(renderMemberFirstPaint(input({ locale: 'de-DE', timeZone: 'Asia/Tokyo' })));
    const la = textOf(renderMemberFirstPaint(input({ locale: 'en-US', timeZone: 'America/Los_Angeles' })));
    expect(tokyo).toContain(formatDateTime(ava.created_at, 'de-DE', 'Asia/Tokyo'));
    expect(tokyo).toContain(formatDate(ava.joined_at, 'de-DE', 'Asia/Tokyo'));
    expect(la).toContain(formatDateTime(ava.created_at, 'en-US', 'America/Los_Angeles'));
    expect(formatDateTime(ava.joined_at)).toBe(before);
  });

  it('escapes what Whop sends: a name cannot become markup', () => {
    const hostile = {
      ...ava,
      user: { ...ava.user!, name: '</h1><img src=x onerror=alert(1)>', username: '"><script>x</script>' },
    };
    const html = renderMemberFirstPaint(input({ member: hostile }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(textOf(html)).toContain('</h1><img src=x onerror=alert(1)>');
  });

  it('names who is signed in, and the demo banner in demo mode, as the app does', () => {
    const text = textOf(
      renderMemberFirstPaint(input({ meta: { mode: 'demo', demoMembers: [], signedInAs: 'Sam Admin' } })),
    );
    expect(text).toContain('Signed in as Sam Admin');
    expect(text).toContain('Demo data.');
  });
});
