// Makes sure Debian's Chromium is there for the browser tests. Playwright's own browser
// download cannot work here, so we use the distribution's package.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const install = 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation';

if (existsSync(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${wanted}, but there is no file there.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore' });
  hasApt = true;
} catch {}
if (!isRoot || !hasApt) {
  console.error(
    `Chromium is missing for the browser tests. Install it with:\n  sudo sh -c '${install}'\nor point CHROMIUM_PATH at a Chromium binary.`,
  );
  process.exit(1);
}
console.log('Chromium is missing; installing it from Debian packages…');
execSync(install, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (!existsSync(wanted)) {
  console.error(`apt-get finished but ${wanted} is still missing.`);
  process.exit(1);
}
