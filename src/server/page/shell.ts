import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_META_TAGS, type AppMeta, LIVE_META_TAG } from '../../contract/app-meta';
import type { FirstPaintRenderer, RenderHistoryFirstPaint, RenderMemberFirstPaint } from '../../contract/first-paint';
import type { Member } from '../../contract/member';
import { FIRST_PAINT_LISTS } from '../../contract/member-lists';
import type { ViteManifest } from '../../contract/web-chunks';
import { escapeHtml } from '../http/escape-html';
import type { ReadinessCheck } from '../http/readiness';
import {
  type DeepLinkFiles,
  historyPanelChunks,
  memberRouteChunks,
  missingChunks,
  shellFiles,
} from './deep-link-preload';
import { withEarlyTheme } from './early-theme';
import { withLocaleWarmUp } from './locale-warm-up';

export type Spa = {
  root: string;
  indexHtml: string;
  /** The shell for `/members/...`: the same, plus the early theme (early-theme.ts) and the locale warm-up (locale-warm-up.ts). */
  memberIndexHtml: string;
  /** What a deep link preloads: the shell's entry and stylesheet, and the member route's chunks. */
  deepLink: DeepLinkFiles;
  /** Why a deep link preloads less than it should (no manifest, or chunks it does not name), for the log at start; null when all is there. */
  deepLinkProblem: string | null;
  /** What the meta tags say; a deep link's first paint renders with it too. */
  meta: AppMeta;
  /** The build's renderer of a deep link's first paint (dist/first-paint/, beside the SPA), or why there is none. */
  firstPaint: Promise<LoadedFirstPaint>;
};

/** The first-paint renderer, or null and what kept it from loading. */
export type LoadedFirstPaint = { render: FirstPaintRenderer; problem: null } | { render: null; problem: string };

/** The tags of what the server says on every page (the signed-in tag is the gate's: auth/gate.ts). */
export function renderMetaTags(meta: AppMeta): string {
  const tags = [`<meta name="${APP_META_TAGS.mode}" content="${meta.mode}">`];
  if (meta.demoMembers.length > 0) {
    tags.push(`<meta name="${APP_META_TAGS.demoMembers}" content="${escapeHtml(JSON.stringify(meta.demoMembers))}">`);
  }
  if (meta.live) tags.push(`<meta name="${LIVE_META_TAG}" content="on">`);
  return tags.join('\n    ');
}

/** Writes the meta tags into the built index.html, just before </head>. */
export function injectMeta(html: string, meta: AppMeta): string {
  return html.replace('</head>', `    ${renderMetaTags(meta)}\n  </head>`);
}

/** Vite's build manifest (vite.config.ts `build.manifest`), or null when there is none. */
function readManifest(root: string): ViteManifest | null {
  const file = path.join(root, '.vite', 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ViteManifest) : null;
}

/** What keeps a deep link's Link header from naming the member route's chunks, or null. */
function deepLinkProblem(root: string, manifest: ViteManifest | null): string | null {
  if (!manifest) return `${path.join(root, '.vite', 'manifest.json')} is missing`;
  const missing = missingChunks(manifest);
  if (missing.length === 0) return null;
  return `the build manifest has no chunk named ${missing.join(', ')} (src/contract/web-chunks.ts): was a module renamed?`;
}

/**
 * The first-paint renderer `npm run build` writes beside the SPA (vite.config.ts). Without it
 * (an older build, or one that does not load) deep links work as they did before it, and
 * `problem` says why for the log (app.ts).
 */
async function loadFirstPaint(root: string): Promise<LoadedFirstPaint> {
  const file = path.join(root, '..', 'first-paint', 'first-paint.js');
  if (!existsSync(file)) return { render: null, problem: `${file} is missing` };
  try {
    const mod = (await import(pathToFileURL(file).href)) as {
      renderMemberFirstPaint?: RenderMemberFirstPaint;
      renderHistoryFirstPaint?: RenderHistoryFirstPaint;
    };
    const { renderMemberFirstPaint: member, renderHistoryFirstPaint: history } = mod;
    if (typeof member !== 'function') return { render: null, problem: `${file} exports no renderMemberFirstPaint` };
    if (typeof history !== 'function') return { render: null, problem: `${file} exports no renderHistoryFirstPaint` };
    // The first render in a process takes ~100 ms (compiling, Intl's data), later ones ~10: paid
    // here, at start, rather than by the first deep link.
    const warmUp = {
      member: WARM_UP_MEMBER,
      meta: { mode: 'live' as const, demoMembers: [], signedInAs: null },
      origin: '',
      updatedAt: 0,
    };
    member(warmUp);
    history({
      ...warmUp,
      history: Object.fromEntries(FIRST_PAINT_LISTS.map((name) => [name, { data: [], next_cursor: null }])),
    });
    const render = { member, history };
    return { render, problem: null };
  } catch (err) {
    return { render: null, problem: `${file} did not load: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A member for nobody's eyes: the renderer's warm-up. */
const WARM_UP_MEMBER: Member = {
  id: 'mber_warmUp',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  joined_at: '2026-01-01T00:00:00.000Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: 'paid_subscriber',
  most_recent_action_at: '2026-01-01T00:00:00.000Z',
  user: { id: 'user_warmUp', email: null, name: 'Warm up', username: 'warmup' },
  phone: null,
  usd_total_spent: 0,
  company_token_balance: 0,
  company: { id: 'biz_warmUp', title: 'Warm up', route: 'warm-up' },
};

/** Loads the built SPA, or returns null when it has not been built (API-only). */
export function loadSpa(staticDir: string, meta: AppMeta): Spa | null {
  const root = path.resolve(staticDir);
  const indexPath = path.join(root, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8');
  const onShell = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string));
  const indexHtml = injectMeta(html, meta);
  const found = readManifest(root);
  const manifest = found ?? {};
  return {
    root,
    indexHtml,
    memberIndexHtml: withEarlyTheme(withLocaleWarmUp(indexHtml)),
    deepLink: {
      shell: shellFiles(html),
      chunks: memberRouteChunks(manifest, onShell),
      history: historyPanelChunks(manifest, onShell),
    },
    deepLinkProblem: deepLinkProblem(root, found),
    meta,
    // Started now, so the first deep link finds it loaded; a failure costs only the first paint.
    firstPaint: loadFirstPaint(root),
  };
}

/** The built SPA is there (at start-up and still now: a deploy may have removed it). */
export function staticFilesCheck(spa: Spa | null, staticDir: string): ReadinessCheck {
  const index = spa ? path.join(spa.root, 'index.html') : null;
  return () =>
    index && existsSync(index)
      ? null
      : `no built dashboard in STATIC_DIR (${staticDir}); run npm run build, or point STATIC_DIR at dist/client`;
}
