/** What the figures were measured on, and with which versions. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { commandVersion } from './procs';

export function machine() {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? os.type(),
    kernel: os.release(),
    node: process.version,
    chromium: commandVersion('/usr/bin/chromium', ['--version']),
    nginx: commandVersion('nginx', ['-v']),
  };
}

const PACKAGES = [
  'hono',
  '@hono/node-server',
  '@whop/sdk',
  'zod',
  'lru-cache',
  'pino',
  'react',
  'react-dom',
  'react-router',
  '@tanstack/react-query',
  'vite',
  'tsx',
  '@playwright/test',
  'lighthouse',
  'chrome-launcher',
];

export function packageVersions(): Array<[string, string]> {
  return PACKAGES.map((name) => {
    try {
      return [name, JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version as string];
    } catch {
      return [name, 'not installed'];
    }
  });
}

export function gitRevision(): string {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${rev} (with uncommitted changes)` : rev;
  } catch {
    return 'unknown';
  }
}
