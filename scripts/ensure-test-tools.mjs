// Makes sure the programs the tests run for real are there: Debian's Chromium (browser
// tests; Playwright's own browser download cannot work here), redis-server (shared state,
// Redis faults), nginx (several instances behind a proxy, the bench) and openssl (its
// test certificate). When any is
// missing and we are root with apt-get, it installs what is missing in one go; otherwise
// it prints the exact command and stops.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the tests need: where the program is, and the Debian packages that provide it. */
const TOOLS = [
  { name: 'Chromium', path: chromium, packages: ['chromium', 'fonts-liberation'] },
  { name: 'redis-server', path: '/usr/bin/redis-server', packages: ['redis-server'] },
  { name: 'nginx', path: '/usr/sbin/nginx', packages: ['nginx-light'] },
  // Makes the self-signed certificate nginx serves in the tests (test/nginx.ts).
  { name: 'openssl', path: '/usr/bin/openssl', packages: ['openssl'] },
];

if (process.env.CHROMIUM_PATH && !existsSync(chromium)) {
  console.error(`CHROMIUM_PATH is set to ${chromium}, but there is no file there.`);
  process.exit(1);
}

const missing = TOOLS.filter((tool) => !existsSync(tool.path));
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((tool) => tool.packages);
const install = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
const names = missing.map((tool) => tool.name).join(', ');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore' });
  hasApt = true;
} catch {}
if (!isRoot || !hasApt) {
  console.error(
    `The tests need ${names}, which ${missing.length === 1 ? 'is' : 'are'} missing. Install with:\n  sudo sh -c '${install}'` +
      (missing.some((tool) => tool.path === chromium) ? '\nor point CHROMIUM_PATH at a Chromium binary.' : ''),
  );
  process.exit(1);
}
console.log(`${names} missing; installing from Debian packages (${packages.join(', ')})…`);
// Debian's redis-server and nginx packages may start their system services on install;
// the tests start their own on free loopback ports, so those do no harm.
execSync(install, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const still = missing.filter((tool) => !existsSync(tool.path));
if (still.length > 0) {
  console.error(`apt-get finished but ${still.map((tool) => tool.path).join(', ')} still missing.`);
  process.exit(1);
}
