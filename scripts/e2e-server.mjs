// The e2e suite's server: exactly `npm start`'s process (the built server, after
// ensure-build.mjs), with its output copied to .cache/e2e-server.log so the suite can
// check what the server wrote (no key, no PII).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { BUILT_SERVER_ARGS } from './server-command.mjs';

mkdirSync('.cache', { recursive: true });
const log = createWriteStream('.cache/e2e-server.log');
const child = spawn(process.execPath, BUILT_SERVER_ARGS, { stdio: ['ignore', 'pipe', 'pipe'] });
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => log.end(() => process.exit(code ?? 0)));
