import type { Context } from 'hono';
import { escapeHtml } from '../http/escape-html';

/**
 * The few pages the server renders itself around sign-in: no script at all, and the SPA's
 * stylesheet (Tailwind picks these classes up through the `@source` line in styles.css).
 */
export type AuthPage = {
  title: string;
  paragraphs: string[];
  /** The main next step, a link (e.g. "Sign in again"). */
  action?: { label: string; href: string };
};

/** The statuses these pages are sent with. */
export type AuthPageStatus = 200 | 400 | 403 | 404 | 502 | 503;
/** Sends a page, never to be cached: it answers one person's sign-in. */
export type SendAuthPage = (c: Context, status: AuthPageStatus, content: AuthPage) => Response;

/** Sends the pages with the SPA's stylesheet (`cssHref`) when there is one. */
export function authPageSender(cssHref: string | undefined): SendAuthPage {
  return (c, status, content) => {
    c.header('Cache-Control', 'no-store');
    return c.html(renderAuthPage(content, cssHref), status);
  };
}

/** The stylesheet the built index.html links, to reuse on these pages. */
export function stylesheetHref(indexHtml: string | undefined): string | undefined {
  if (!indexHtml) return undefined;
  return /<link[^>]*rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"/.exec(indexHtml)?.[1];
}

export function renderAuthPage(page: AuthPage, cssHref: string | undefined): string {
  const paragraphs = page.paragraphs
    .map((p) => `<p class="mt-3 text-zinc-700 dark:text-zinc-300">${escapeHtml(p)}</p>`)
    .join('\n          ');
  const action = page.action
    ? `<a href="${escapeHtml(page.action.href)}" class="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">${escapeHtml(page.action.label)}</a>`
    : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    ${cssHref ? `<link rel="stylesheet" href="${escapeHtml(cssHref)}" />` : ''}
    <title>${escapeHtml(page.title)} · Member lookup</title>
  </head>
  <body>
    <div class="min-h-dvh bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <header class="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div class="mx-auto flex max-w-5xl items-center gap-2 px-4 py-3 font-semibold tracking-tight">
          <span aria-hidden="true" class="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">M</span>
          Member lookup
        </div>
      </header>
      <main id="main" class="mx-auto max-w-5xl px-4 py-6">
        <div class="mx-auto max-w-2xl rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <h1 class="text-xl font-semibold">${escapeHtml(page.title)}</h1>
          ${paragraphs}
          ${action}
        </div>
      </main>
    </div>
  </body>
</html>
`;
}
