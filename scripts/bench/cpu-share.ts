/**
 * How the machine's CPU time went while a section ran, from Linux's /proc/stat: the share
 * busy (user, nice, system, irq, softirq) and the share stolen. Steal is time this virtual
 * machine was ready to run but the host ran something else; on a shared host it comes and
 * goes, and the same code then measures slower, so the report says how much there was.
 */
import { existsSync, readFileSync } from 'node:fs';

export type CpuTimes = { busy: number; idle: number; steal: number; total: number };

/** The aggregate `cpu` line of /proc/stat, in clock ticks; null when it cannot be read. */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 4 || f.some((n) => !Number.isFinite(n))) return null;
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already
  // counted in user and nice, so it is not added again.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  const busy = user + nice + system + irq + softirq;
  return { busy, idle: idle + iowait, steal, total: busy + idle + iowait + steal };
}

export function readCpuTimes(): CpuTimes | null {
  return existsSync('/proc/stat') ? parseProcStat(readFileSync('/proc/stat', 'utf8')) : null;
}

/** Busy and stolen shares (0-1) of all CPU time between two readings; null without both. */
export function cpuShares(before: CpuTimes | null, after: CpuTimes | null): { busy: number; steal: number } | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  return { busy: (after.busy - before.busy) / total, steal: (after.steal - before.steal) / total };
}

/**
 * Waits until the machine is quiet: CPU busy below `busyBelow` over one window of `windowMs`,
 * at most `maxMs`. Returns how long it waited and how busy the last window was (null without
 * /proc/stat, where it does not wait).
 */
export async function waitForQuiet({
  busyBelow = 0.2,
  windowMs = 250,
  maxMs = 3000,
}: {
  busyBelow?: number;
  windowMs?: number;
  maxMs?: number;
} = {}): Promise<{ waitedMs: number; busy: number } | null> {
  const started = Date.now();
  for (;;) {
    const before = readCpuTimes();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const shares = cpuShares(before, readCpuTimes());
    if (!shares) return null;
    if (shares.busy < busyBelow || Date.now() - started >= maxMs) {
      return { waitedMs: Date.now() - started, busy: shares.busy };
    }
  }
}
