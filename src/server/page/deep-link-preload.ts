import { memberApiPath } from '../../contract/api-paths';
import { parseMemberIdParam } from '../../contract/member-id';
import { manifestKeyOf, type ViteManifest, WEB_CHUNKS } from '../../contract/web-chunks';

// A deep link (`/members/:id`, opened cold) the server does not render (first-paint.ts) would
// otherwise run three trips in a row: the app's code, then the member route's chunks, then the
// member. The `Link` header on the app shell starts all three as soon as the browser sees the
// answer's headers. A page that comes with its member preloads its stylesheet only, and names
// the same chunks for after its paint (after-paint.ts).

/**
 * The chunks a deep link preloads, by their names in Vite's manifest (src/contract/web-chunks.ts):
 * the member route and the skeleton the page shows while Whop is slow, loaded with it; then
 * the payments and token history panels (member-page.tsx).
 */
const ROUTE_CHUNKS = [WEB_CHUNKS.memberRoute, WEB_CHUNKS.memberSkeleton];
const HISTORY_CHUNKS = [WEB_CHUNKS.historyPanels];

/** What a deep link loads: the app shell's own files and the member route's (in its Link header, or after its paint). */
export type DeepLinkFiles = {
  /** The shell's entry script and stylesheet, as index.html names them. */
  shell: readonly ShellFile[];
  /** The member route's chunks the shell does not load itself. */
  chunks: readonly string[];
  /** The history panels' chunks beyond those: what the app needs at once when the server rendered the panels (after-paint.ts loads them). */
  history: readonly string[];
};
export type ShellFile = { href: string; kind: 'module' | 'style' };

/**
 * The Link header for a deep link to `rawId` (the path segment, as the router decoded it):
 * the member's API answer, the app's entry script and stylesheet, then the member route's
 * chunks, in that order. Order matters: HTTP/1.1 gives Chromium six connections to us, and
 * a deep link asks for about nine files. Chromium starts the header's preloads before it has
 * parsed the HTML (tens of ms earlier), so without the shell's files in the header the
 * route's small chunks took the connections and the entry script, which everything else
 * waits on, queued behind them for 50-100 ms. For a page that comes with its member
 * (`painted`), the stylesheet alone: its paint waits for nothing else, and the code is loaded
 * after it (after-paint.ts). Null, and so no header at all,
 * for anything the API route itself would refuse (`routes/members.ts`): only `mber_` and
 * letters and digits ever reach the header, so nothing a URL can carry (CR, LF, quotes,
 * `<>`, commas) can add a header or a link.
 *
 * `crossorigin` (anonymous) gives the preload what `fetch()` uses by default: CORS mode,
 * credentials same-origin (cookies go along, so the sign-in gate sees the session). Chromium
 * reuses a preload only when both match; `use-credentials` or no attribute at all gets the
 * member fetched twice (checked in e2e/deep-link.spec.ts).
 */
export function memberPreloadLinks(
  rawId: string,
  { shell, chunks }: DeepLinkFiles,
  { data = true, painted = false }: { data?: boolean; painted?: boolean } = {},
): string | null {
  const parsed = parseMemberIdParam(rawId);
  if (!parsed.ok) return null;
  // With the member rendered into the page (first-paint.ts), the stylesheet is all its paint
  // waits for, and the code comes after the paint (after-paint.ts): fetched now, it was compiled
  // beside the paint and delayed it.
  const files = painted ? shell.filter((f) => f.kind === 'style') : shell;
  const links = [
    ...(data ? [`<${memberApiPath(parsed.id)}>; rel=preload; as=fetch; crossorigin`] : []),
    // index.html loads both with `crossorigin` (Vite's default): the preloads must ask the same way.
    ...files.map(({ href, kind }) =>
      kind === 'module' ? `<${href}>; rel=modulepreload` : `<${href}>; rel=preload; as=style; crossorigin`,
    ),
    ...(painted ? [] : chunks).map((href) => `<${href}>; rel=modulepreload`),
  ];
  return links.length > 0 ? links.join(', ') : null;
}

/**
 * The entry script and stylesheets index.html loads, in its order, from Vite's own tags
 * (`<script type="module" crossorigin src>`, `<link rel="stylesheet" crossorigin href>`).
 * Only same-origin `/assets/` paths: nothing else ever goes into the header.
 */
export function shellFiles(html: string): ShellFile[] {
  const files: ShellFile[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>|<link\b[^>]*>/g)) {
    const href = /\s(?:src|href)="(\/assets\/[\w.-]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/^<script\b/.test(tag) && /\stype="module"/.test(tag)) files.push({ href, kind: 'module' });
    else if (/^<link\b/.test(tag) && /\srel="stylesheet"/.test(tag)) files.push({ href, kind: 'style' });
  }
  return files;
}

/**
 * The files the member route's chunk needs that the app shell does not load already (its
 * own and those of every chunk it imports), and the member skeleton's, from Vite's manifest.
 * Empty when the manifest does not know them (missingChunks says so at start): the deep link
 * then still works, with one trip more.
 */
export function memberRouteChunks(manifest: ViteManifest, entryFiles: ReadonlySet<string>): string[] {
  return chunksOf(manifest, ROUTE_CHUNKS, entryFiles);
}

/** The history panels' chunks that neither the shell nor the member route loads. */
export function historyPanelChunks(manifest: ViteManifest, entryFiles: ReadonlySet<string>): string[] {
  const loaded = new Set([...entryFiles, ...memberRouteChunks(manifest, entryFiles)]);
  return chunksOf(manifest, HISTORY_CHUNKS, loaded);
}

/**
 * The chunks a deep link preloads that the manifest does not name, each exactly once, as a
 * dynamic entry: the server logs them at start (compose.ts), since each costs every deep link
 * a trip. A module renamed without src/contract/web-chunks.ts lands here.
 */
export function missingChunks(manifest: ViteManifest): string[] {
  return [...ROUTE_CHUNKS, ...HISTORY_CHUNKS].filter((name) => manifestKeyOf(manifest, name) === undefined);
}

/** The files of the chunks named `names` and every chunk they import, in order, leaving out `known`. */
function chunksOf(manifest: ViteManifest, names: readonly string[], known: ReadonlySet<string>): string[] {
  const files: string[] = [];
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) return;
    const href = `/${chunk.file}`;
    if (files.includes(href) || known.has(href)) return;
    files.push(href);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const name of names) {
    const key = manifestKeyOf(manifest, name);
    if (key) visit(key);
  }
  return files;
}
