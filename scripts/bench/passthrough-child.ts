/**
 * The reference floor for a Node proxy: a bare node:http pass-through that maps
 * /api/members/:id to the stand-in's /api/v1/members/:id, adds the key, and pipes the
 * answer back. No validation, no logging, no limits: what any Node proxy must at least pay.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WHOP_API_VERSION } from '../../src/server/upstream/whop-api-version';
import type { PassthroughMessage } from './ipc';

const upstream = new URL(process.env.BENCH_UPSTREAM ?? '');
const key = process.env.BENCH_KEY ?? '';
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((req, res) => {
  const match = /^\/api\/members\/([^/?]+)$/.exec(req.url ?? '');
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const up = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: `${upstream.pathname}/members/${match[1]}`,
      method: 'GET',
      agent,
      headers: { authorization: `Bearer ${key}`, accept: 'application/json', 'api-version-date': WHOP_API_VERSION },
    },
    (answer) => {
      const headers: http.OutgoingHttpHeaders = {
        'content-type': answer.headers['content-type'] ?? 'application/json',
      };
      if (answer.headers['content-length']) headers['content-length'] = answer.headers['content-length'];
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    },
  );
  up.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  up.end();
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const msg: PassthroughMessage = { type: 'ready', port: (server.address() as AddressInfo).port };
  process.send?.(msg);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', () => process.exit(0));
