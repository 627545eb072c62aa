import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { demoMembers } from '../src/demo-whop/fixtures';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * After the whole suite: the canary key and the demo members' PII must appear nowhere in
 * what the server wrote, and the key nowhere in the built files.
 */
export default function globalTeardown() {
  const canary = process.env.E2E_CANARY_KEY;
  if (!canary) throw new Error('E2E_CANARY_KEY was not set by playwright.config.ts');
  const logFile = '.cache/e2e-server.log';
  if (!existsSync(logFile)) throw new Error(`${logFile} is missing: the e2e server did not write its output`);
  const log = readFileSync(logFile, 'utf8');
  const problems: string[] = [];
  if (!log.includes('"route":')) problems.push('the server log has no request lines: the check would prove nothing');
  if (log.includes(canary)) problems.push('the API key appears in the server output');
  for (const m of demoMembers()) {
    for (const pii of [m.user?.email, m.user?.name, m.phone]) {
      if (pii && log.includes(pii)) problems.push(`member PII appears in the server output: ${pii}`);
    }
  }
  for (const file of filesUnder('dist/client')) {
    if (readFileSync(file).includes(canary)) problems.push(`the API key appears in built file ${file}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
