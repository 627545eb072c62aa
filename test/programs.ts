import { spawnSync } from 'node:child_process';

/**
 * Throws, naming the Debian package to install, when `program` is not on PATH. Tests
 * that need a real nginx or redis-server call it first: a missing program fails them
 * with that message, never skips them (`npm test` installs both when run as root).
 */
export function requireProgram(program: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  if (found.status === 0) return;
  throw new Error(
    `${program} is not installed (or not on PATH); these tests run a real one. Install it with: apt-get install -y ${debianPackage}`,
  );
}

/** The environment a child server process starts with: this one's, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
