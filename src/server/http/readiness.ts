/**
 * One thing the server needs before it can serve: resolves to null when it is there, or
 * to why not (a sentence an operator can act on, no secrets). Redis reachability will be
 * one more check of this kind.
 */
export type ReadinessCheck = () => Promise<string | null> | string | null;

export type Readiness = { ready: true } | { ready: false; reasons: string[] };

/** A check may not hold a probe longer than this; past it, it counts as not ready. */
const CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once; ready when none has a reason. A check that throws or hangs is a reason. */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const reasons = await Promise.all(checks.map(runCheck));
  const failed = reasons.filter((r): r is string => r !== null);
  return failed.length === 0 ? { ready: true } : { ready: false, reasons: failed };
}

async function runCheck(check: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('a readiness check did not answer in time'), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return 'a readiness check failed';
  } finally {
    clearTimeout(timer);
  }
}
