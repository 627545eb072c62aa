/**
 * Runs the shipped deploy/nginx.conf under a real nginx, for the two-instance e2e test,
 * the nginx tests and the slow-client bench. The file is used as it ships; only what a
 * test machine must change is substituted: the listen ports (loopback, no root needed),
 * the instances' addresses and the certificate paths (a self-signed one for 127.0.0.1).
 * Everything nginx writes (pid, logs, temp files) goes to a directory of the caller's.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { requireProgram } from './programs';

const REPO = path.resolve(import.meta.dirname, '..');
export const DEPLOY_NGINX_CONF = path.join(REPO, 'deploy/nginx.conf');

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by openssl in `dir` for this
 * run only (a private key, even a test one, is never committed). Reused when `dir` has one.
 */
export function loopbackTls(dir: string): { certificate: string; key: string } {
  const tls = { certificate: path.join(dir, 'loopback.crt'), key: path.join(dir, 'loopback.key') };
  if (existsSync(tls.certificate) && existsSync(tls.key)) return tls;
  requireProgram('openssl', 'openssl');
  mkdirSync(dir, { recursive: true });
  // -noenc is OpenSSL 3's spelling; Debian 12 ships 3.0.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-noenc',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      tls.key,
      '-out',
      tls.certificate,
    ],
    { stdio: 'pipe' },
  );
  return tls;
}

export type RenderOptions = {
  /** The https listener's port on 127.0.0.1. */
  port: number;
  /** The plain-http listener (which only redirects to https) on 127.0.0.1. */
  redirectPort: number;
  /** The dashboard instances' ports on 127.0.0.1, in upstream order. */
  upstreamPorts: readonly number[];
  certificate: string;
  key: string;
};

/** Replaces the one line `pattern` matches; a file that no longer has it is an error worth reading. */
function replaceOnce(text: string, pattern: RegExp, replacement: (indent: string, rest: string) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'gm'))];
  if (matches.length !== 1) {
    throw new Error(
      `deploy/nginx.conf: expected exactly one line matching ${pattern} (found ${matches.length}); update test/nginx.ts to the file's new shape`,
    );
  }
  return text.replace(new RegExp(pattern.source, 'm'), (_line, indent: string, rest: string) =>
    replacement(indent, rest ?? ''),
  );
}

/**
 * deploy/nginx.conf with a test machine's ports, instances and certificate, nothing else
 * changed. Throws when the file's shape changed so that a substitution no longer applies.
 */
export function renderDeployConf(template: string, options: RenderOptions): string {
  if (options.upstreamPorts.length === 0) throw new Error('renderDeployConf: at least one instance is needed');
  let text = replaceOnce(template, /^([ \t]*)listen 443 (.*);$/, (indent, rest) => {
    return `${indent}listen 127.0.0.1:${options.port} ${rest};`;
  });
  text = replaceOnce(text, /^([ \t]*)listen 80;()$/, (indent) => `${indent}listen 127.0.0.1:${options.redirectPort};`);
  text = replaceOnce(
    text,
    /^([ \t]*)ssl_certificate \S+;()$/,
    (indent) => `${indent}ssl_certificate "${options.certificate}";`,
  );
  text = replaceOnce(text, /^([ \t]*)ssl_certificate_key \S+;()$/, (indent) => {
    return `${indent}ssl_certificate_key "${options.key}";`;
  });

  // The upstream's `server` lines: one per instance, each with the shipped parameters.
  const upstream = /^upstream member_lookup \{$[\s\S]*?^\}$/m.exec(text);
  if (!upstream) throw new Error('deploy/nginx.conf: no `upstream member_lookup { … }` block');
  const serverLine = /^([ \t]*)server 127\.0\.0\.1:\d+(.*);\n/gm;
  const shipped = [...upstream[0].matchAll(serverLine)];
  if (shipped.length === 0) throw new Error('deploy/nginx.conf: the upstream block lists no `server 127.0.0.1:…` line');
  const [, indent, params] = shipped[0]!;
  const servers = options.upstreamPorts.map((port) => `${indent}server 127.0.0.1:${port}${params};\n`).join('');
  // The first shipped line becomes the instances' lines; the others go.
  const block = upstream[0].replace(serverLine, (line) => (line === shipped[0]![0] ? servers : ''));
  return text.replace(upstream[0], block);
}

export type DeployNginx = {
  /** https://127.0.0.1:<port> */
  url: string;
  port: number;
  redirectPort: number;
  /** One line per request: status, the instance that answered ($upstream_addr), method and path. */
  accessLog: string;
  errorLog: string;
  /** The self-signed certificate it serves (PEM), for clients to trust. */
  certificate: Buffer;
  child: ChildProcess;
  /** Stops nginx (master and worker) and waits for it to exit. */
  stop(): Promise<void>;
};

export type StartOptions = Omit<RenderOptions, 'certificate' | 'key'> & {
  /** Where the rendered configuration, pid, logs and temp files go; created if missing. */
  dir: string;
  /** Connections one worker may hold (the bench holds thousands); 1024 by default. */
  workerConnections?: number;
  /** The certificate to serve; by default a new self-signed one in `dir` (loopbackTls). */
  tls?: { certificate: string; key: string };
};

/** The main context Debian's /etc/nginx/nginx.conf would give, pointed at `dir`. */
function mainConf(dir: string, site: string, workerConnections: number): string {
  return `daemon off;
worker_processes 1;
worker_rlimit_nofile ${workerConnections * 2 + 64};
pid "${dir}/nginx.pid";
error_log "${dir}/error.log" warn;
events { worker_connections ${workerConnections}; }
http {
  log_format upstream '$status $upstream_addr $request_method $uri';
  access_log "${dir}/access.log" upstream;
  client_body_temp_path "${dir}/temp/client_body";
  proxy_temp_path "${dir}/temp/proxy";
  fastcgi_temp_path "${dir}/temp/fastcgi";
  uwsgi_temp_path "${dir}/temp/uwsgi";
  scgi_temp_path "${dir}/temp/scgi";
  include "${site}";
}
`;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Started as root, nginx's worker runs as nobody, and must write its temp files (answers
 * larger than its buffers, kept for a slow reader) under `dir`: open the temp folder to it,
 * and let it through the folders above, up to the system's temp folder (mkdtemp makes them 0700).
 */
function letWorkerIn(dir: string) {
  const tmp = os.tmpdir();
  if (!dir.startsWith(`${tmp}${path.sep}`)) {
    throw new Error(`startDeployNginx: run as root, dir must be under ${tmp} (nginx's worker runs as nobody)`);
  }
  chmodSync(path.join(dir, 'temp'), 0o777);
  for (let at = dir; at !== tmp; at = path.dirname(at)) chmodSync(at, statSync(at).mode | 0o011);
}

/** Starts nginx on deploy/nginx.conf; resolves once it accepts connections on `port`. */
export async function startDeployNginx(options: StartOptions): Promise<DeployNginx> {
  requireProgram('nginx', 'nginx-light');
  const dir = path.resolve(options.dir);
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  if (process.getuid?.() === 0) letWorkerIn(dir);
  const site = path.join(dir, 'member-lookup.conf');
  const tls = options.tls ?? loopbackTls(path.join(dir, 'tls'));
  writeFileSync(site, renderDeployConf(readFileSync(DEPLOY_NGINX_CONF, 'utf8'), { ...options, ...tls }));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, mainConf(dir, site, options.workerConnections ?? 1024));
  const errorLog = path.join(dir, 'error.log');

  const child = spawn('nginx', ['-p', `${dir}/`, '-c', conf, '-e', errorLog], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // TERM, not KILL: the master stops its worker on TERM; KILL would orphan it.
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
  };

  const until = Date.now() + 15_000;
  while (!(await accepts(options.port))) {
    if (child.exitCode !== null) {
      const log = (() => {
        try {
          return readFileSync(errorLog, 'utf8');
        } catch {
          return '';
        }
      })();
      throw new Error(`nginx exited (code ${child.exitCode}) at start-up:\n${output}${log}`);
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`nginx did not accept connections on 127.0.0.1:${options.port} within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `https://127.0.0.1:${options.port}`,
    port: options.port,
    redirectPort: options.redirectPort,
    accessLog: path.join(dir, 'access.log'),
    errorLog,
    certificate: readFileSync(tls.certificate),
    child,
    stop,
  };
}
