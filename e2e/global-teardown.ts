import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { demoMembers } from '../src/demo-whop/fixtures';
import { TEST_CLIENT } from '../test/sign-in-app';
import { E2E_SESSION_SECRET, SIGN_IN_SERVER_LOG } from './support/sign-in-env';
import { TEAM_SERVER_LOG } from './support/team-env';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The API key, the sign-in secrets or member PII in the output of dashboards with sign-in on. */
function signInLeaks(stack: string, log: string, canary: string): string[] {
  const problems: string[] = [];
  for (const [what, secret] of [
    ['the API key', canary],
    ['WHOP_CLIENT_SECRET', TEST_CLIENT.clientSecret],
    ['SESSION_SECRET', E2E_SESSION_SECRET],
  ] as const) {
    if (log.includes(secret)) problems.push(`${what} appears in the ${stack} server output`);
  }
  for (const m of demoMembers()) {
    for (const pii of [m.user?.email, m.user?.name, m.phone]) {
      if (pii && log.includes(pii)) problems.push(`PII appears in the ${stack} server output: ${pii}`);
    }
  }
  return problems;
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
  // A subset run may make no requests; the full suite (as CI runs it) always does.
  if (process.env.CI && !log.includes('"route":'))
    problems.push('the server log has no request lines: the check would prove nothing');
  if (log.includes(canary)) problems.push('the API key appears in the server output');
  for (const m of demoMembers()) {
    for (const pii of [m.user?.email, m.user?.name, m.phone]) {
      if (pii && log.includes(pii)) problems.push(`member PII appears in the server output: ${pii}`);
    }
  }
  // The sign-in dashboards (e2e/support/auth-stack.ts): same checks, plus the sign-in secrets.
  if (!existsSync(SIGN_IN_SERVER_LOG))
    throw new Error(`${SIGN_IN_SERVER_LOG} is missing: the sign-in stack did not write its output`);
  const signInLog = readFileSync(SIGN_IN_SERVER_LOG, 'utf8');
  if (process.env.CI && !signInLog.includes('"event":"sign_in"'))
    problems.push('the sign-in server log has no sign-in lines: the check would prove nothing');
  problems.push(...signInLeaks('sign-in', signInLog, canary));
  // The two instances behind nginx (e2e/support/team-stack.ts), when team.spec.ts ran.
  if (existsSync(TEAM_SERVER_LOG)) problems.push(...signInLeaks('team', readFileSync(TEAM_SERVER_LOG, 'utf8'), canary));
  for (const file of filesUnder('dist/client')) {
    if (readFileSync(file).includes(canary)) problems.push(`the API key appears in built file ${file}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
