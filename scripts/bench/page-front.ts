import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export type PageFront = { baseURL: string; close: () => Promise<void> };

/** Headers fetch's answer can be sent on with: it has decoded the body, so length and encoding are the front's own. */
function forwardable(answer: Response): Record<string, string> {
  const out: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
  });
  return out;
}

/**
 * A front on 127.0.0.1 for our server at `upstream` that hands each member page (`/members/…`),
 * read whole, to `page` to send on as it likes (its status and headers already written), and
 * passes every other request through as it comes, streams too (the live page's). Used by the
 * bench (the page without its code, without-app-code.ts) and e2e/deep-link.spec.ts (the page in
 * two parts). `close` ends open connections as well.
 */
export async function startPageFront(
  upstream: string,
  page: (html: string, res: http.ServerResponse) => void,
): Promise<PageFront> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', upstream);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((h): h is [string, string] => typeof h[1] === 'string' && h[0] !== 'host'),
      );
      const answer = await fetch(url, { method: req.method, headers, redirect: 'manual' });
      res.writeHead(answer.status, forwardable(answer));
      if (!answer.body) return void res.end();
      if (url.pathname.startsWith('/members/')) return page(await answer.text(), res);
      // fetch's body is Node's own web stream; the DOM's type of it says otherwise.
      Readable.fromWeb(answer.body as unknown as NodeReadableStream).pipe(res);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
