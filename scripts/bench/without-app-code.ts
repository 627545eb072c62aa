import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AFTER_PAINT_SCRIPT } from '../../src/server/page/after-paint';
import { FIRST_PAINT_END_ID } from '../../src/server/page/first-paint';

/** The loader of the app's code on a first-paint page (src/server/page/after-paint.ts), as the page carries it. */
const LOADER_TAG = `<script>${AFTER_PAINT_SCRIPT}</script>`;
/** What ends the member's markup on a page the server painted (first-paint.ts). */
const MEMBER_END = `id="${FIRST_PAINT_END_ID}"`;

/** `stripped`: member pages served without their loader that came with their member (a page without one has the loader too). */
export type WithoutAppCode = { baseURL: string; stripped: () => number; close: () => Promise<void> };

/**
 * A front for our server that serves its member pages without the loader of the app's code: the
 * server's first paint as the browser gets it, and nothing of ours runs after it (the early theme
 * and the history swap, inline, still do). What Lighthouse scores then is the browser's own work
 * on the page: the floor under the app's. Every other request passes through as it is. The page
 * is read whole before it is sent on, so it arrives at once when the server has finished it
 * rather than in the server's pieces.
 */
export async function startWithoutAppCode(upstream: string): Promise<WithoutAppCode> {
  let stripped = 0;
  const server = http.createServer(async (req, res) => {
    try {
      const answer = await fetch(new URL(req.url ?? '/', upstream), {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
          ),
        ),
        redirect: 'manual',
      });
      let body = Buffer.from(await answer.arrayBuffer());
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        // fetch has decoded the body: its length and encoding are this front's own.
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
          headers[name] = value;
        }
      });
      if (new URL(req.url ?? '/', upstream).pathname.startsWith('/members/')) {
        const html = body.toString('utf8');
        if (html.includes(LOADER_TAG)) {
          if (html.includes(MEMBER_END)) stripped += 1;
          body = Buffer.from(html.replace(LOADER_TAG, ''), 'utf8');
        }
      }
      res.writeHead(answer.status, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    stripped: () => stripped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
