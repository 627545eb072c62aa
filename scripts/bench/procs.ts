/** Starting and stopping the processes a bench run needs, all on 127.0.0.1. */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { WHOP_API_VERSION } from '../../src/server/upstream/whop-api-version';
import type { PassthroughMessage, StandInMessage, StandInQuery } from './ipc';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const TS = ['--import', 'tsx'];

const live = new Set<ChildProcess>();
// If this process ends without stopping its children (a crash, process.exit), take them
// along: only the ones it started, by their own handles.
process.on('exit', () => {
  for (const child of live) child.kill('SIGTERM'); // nginx's master stops its worker on TERM, not on KILL
});

/** Stops one child by its pid and waits for it to exit (SIGKILL after 5 s). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  live.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

/** Stops every child this run started and has not stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((c) => stopChild(c)));
}

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function waitForMessage<T>(child: ChildProcess, what: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve(msg as T);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited early (code ${code})`)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

export type StandIn = {
  child: ChildProcess;
  baseURL: string;
  port: number;
  latencyMs: number;
  /** Upstream calls so far: all of them, and for one id. */
  calls(id?: string): Promise<{ total: number; forId: number }>;
  /** Calls since `since` (Date.now() of this machine): how many, and the most in any one second. */
  window(since: number): Promise<{ total: number; busiest: number; busiestAt: number }>;
  /** Whop's rate limit: 429 with Retry-After for `ms` from now. */
  throttle(ms: number, retryAfterSeconds: number): void;
  /** A payment at Whop: the member's total spend is `usd` from now on (answered once it is). */
  spend(id: string, usd: number): Promise<void>;
};

export async function startStandIn(opts: { key: string; latencyMs: number; extraMembers: number }): Promise<StandIn> {
  const child = track(
    fork(path.join(HERE, 'stand-in-child.ts'), [], {
      execArgv: TS,
      env: {
        ...process.env,
        BENCH_KEY: opts.key,
        BENCH_LATENCY_MS: String(opts.latencyMs),
        BENCH_EXTRA_MEMBERS: String(opts.extraMembers),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const ready = await waitForMessage<StandInMessage>(child, 'stand-in');
  if (ready.type !== 'ready') throw new Error('stand-in sent an unexpected first message');
  let seq = 0;
  const ask = <T extends StandInMessage['type']>(query: StandInQuery & { type: T }) =>
    new Promise<Extract<StandInMessage, { type: T }>>((resolve) => {
      const onMessage = (msg: StandInMessage) => {
        if (msg.type === query.type && 'seq' in msg && 'seq' in query && msg.seq === query.seq) {
          child.off('message', onMessage);
          resolve(msg as Extract<StandInMessage, { type: T }>);
        }
      };
      child.on('message', onMessage);
      child.send(query);
    });
  return {
    child,
    window: async (since) => {
      const { total, busiest, busiestAt } = await ask({ type: 'window', seq: ++seq, since });
      return { total, busiest, busiestAt };
    },
    throttle: (ms, retryAfterSeconds) => {
      const query: StandInQuery = { type: 'throttle', ms, retryAfterSeconds };
      child.send(query);
    },
    spend: async (id, usd) => {
      await ask({ type: 'spend', seq: ++seq, id, usd });
    },
    baseURL: ready.baseURL,
    port: Number(new URL(ready.baseURL).port),
    latencyMs: opts.latencyMs,
    calls(id) {
      const mySeq = ++seq;
      return new Promise((resolve) => {
        const onMessage = (msg: StandInMessage) => {
          if (msg.type === 'calls' && msg.seq === mySeq) {
            child.off('message', onMessage);
            resolve({ total: msg.total, forId: msg.forId });
          }
        };
        child.on('message', onMessage);
        const query: StandInQuery = { type: 'calls', seq: mySeq, id };
        child.send(query);
      });
    },
  };
}

export async function startPassthrough(opts: {
  key: string;
  upstream: string;
}): Promise<{ child: ChildProcess; port: number }> {
  const child = track(
    fork(path.join(HERE, 'passthrough-child.ts'), [], {
      execArgv: TS,
      env: { ...process.env, BENCH_KEY: opts.key, BENCH_UPSTREAM: opts.upstream },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const ready = await waitForMessage<PassthroughMessage>(child, 'node:http pass-through');
  return { child, port: ready.port };
}

export type OurServer = {
  child: ChildProcess;
  pid: number;
  port: number;
  logFile: string;
  env: Record<string, string>;
};

/**
 * Our real server, started the way `npm start` starts it (node --enable-source-maps
 * dist/server/main.js, built by run.ts first), pointed at a stand-in with a key. Its JSON log lines go to a file.
 */
export async function startOurServer(opts: {
  name: string;
  tmp: string;
  key: string;
  upstream: string;
  env?: Record<string, string>;
}): Promise<OurServer> {
  const port = await freePort();
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    WHOP_API_KEY: opts.key,
    WHOP_BASE_URL: opts.upstream,
    RATE_LIMIT_PER_MINUTE: '0',
    // The proxy is measured, not Whop's budget (decision 0033): never the pace of the run.
    WHOP_REQUESTS_PER_SECOND: '1000',
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  const logFile = path.join(opts.tmp, `${opts.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = track(
    spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', fd, fd],
    }),
  );
  await waitForHttp(`http://127.0.0.1:${port}/api/health`);
  return { child, pid: child.pid!, port, logFile, env };
}

/** Debian's nginx as a reference proxy: one worker, keep-alive to the stand-in, no access log. */
export async function startNginx(opts: {
  tmp: string;
  key: string;
  upstreamPort: number;
}): Promise<{ child: ChildProcess; port: number }> {
  const dir = path.join(opts.tmp, 'nginx');
  mkdirSync(dir, { recursive: true });
  chmodSync(opts.tmp, 0o755);
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_timeout 5s;
  upstream standin {
    server 127.0.0.1:${opts.upstreamPort};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location /api/members/ {
      proxy_pass http://standin/api/v1/members/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer ${opts.key}";
      proxy_set_header Api-Version-Date "${WHOP_API_VERSION}";
    }
  }
}
`,
  );
  const child = track(
    spawn('nginx', ['-c', conf, '-p', `${dir}/`, '-e', `${dir}/error.log`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const until = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`nginx exited (code ${child.exitCode}); see ${dir}/error.log`);
    if (Date.now() > until) throw new Error('nginx did not start within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port };
}

/** The last line a `--version`-style command prints, on stdout or stderr. */
export function commandVersion(cmd: string, args: string[]): string {
  const out = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  const text = `${out.stdout ?? ''}\n${out.stderr ?? ''}`
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return text.filter((l) => !l.includes('unexpected operator')).pop() ?? 'unknown';
}
