import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DeepLinkFiles, memberRouteChunks, shellFiles, type ViteManifest } from './deep-link-preload';
import { withLocaleWarmUp } from './locale-warm-up';

export type Spa = {
  root: string;
  indexHtml: string;
  /** The shell for `/members/...`: the same, plus the locale warm-up (locale-warm-up.ts). */
  memberIndexHtml: string;
  /** What a deep link preloads: the shell's entry and stylesheet, and the member route's chunks. */
  deepLink: DeepLinkFiles;
};

/** Values the SPA reads from `<meta>` tags at load, so it needs no extra request. */
export type AppMeta = { mode: 'demo' | 'live'; demoMembers: ReadonlyArray<{ id: string; label: string }> };

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderMetaTags(meta: AppMeta): string {
  const tags = [`<meta name="app-mode" content="${meta.mode}">`];
  if (meta.demoMembers.length > 0) {
    tags.push(`<meta name="demo-members" content="${escapeAttribute(JSON.stringify(meta.demoMembers))}">`);
  }
  return tags.join('\n    ');
}

/** Writes the meta tags into the built index.html, just before </head>. */
export function injectMeta(html: string, meta: AppMeta): string {
  return html.replace('</head>', `    ${renderMetaTags(meta)}\n  </head>`);
}

/** Vite's build manifest (vite.config.ts `build.manifest`), or an empty one when there is none. */
function readManifest(root: string): ViteManifest {
  const file = path.join(root, '.vite', 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ViteManifest) : {};
}

/** Loads the built SPA, or returns null when it has not been built (API-only). */
export function loadSpa(staticDir: string, meta: AppMeta): Spa | null {
  const root = path.resolve(staticDir);
  const indexPath = path.join(root, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8');
  const onShell = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string));
  const indexHtml = injectMeta(html, meta);
  return {
    root,
    indexHtml,
    memberIndexHtml: withLocaleWarmUp(indexHtml),
    deepLink: { shell: shellFiles(html), chunks: memberRouteChunks(readManifest(root), onShell) },
  };
}
