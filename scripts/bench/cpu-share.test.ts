import { describe, expect, it } from 'vitest';
import { cpuShares, parseProcStat } from './cpu-share';

const STAT = (user: number, idle: number, steal: number) =>
  `cpu  ${user} 0 100 ${idle} 50 0 10 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('cpu shares from /proc/stat', () => {
  it('reads the aggregate line, not a single core', () => {
    expect(parseProcStat(STAT(1000, 5000, 40))).toEqual({ busy: 1110, idle: 5050, steal: 40, total: 6200 });
  });

  it('gives the busy and stolen shares of the time between two readings', () => {
    const before = parseProcStat(STAT(1000, 5000, 0));
    const after = parseProcStat(STAT(1300, 5500, 200));
    // 300 busy, 500 idle, 200 stolen in 1000 ticks.
    expect(cpuShares(before, after)).toEqual({ busy: 0.3, steal: 0.2 });
  });

  it('says nothing rather than guess: no cpu line, junk, a missing reading, no time gone by', () => {
    expect(parseProcStat('intr 1 2 3\n')).toBeNull();
    expect(parseProcStat('cpu  a b c d\n')).toBeNull();
    const one = parseProcStat(STAT(1, 1, 1));
    expect(cpuShares(null, one)).toBeNull();
    expect(cpuShares(one, one)).toBeNull();
  });

  it('reads a kernel that reports only the first four fields', () => {
    expect(parseProcStat('cpu 10 0 5 85\n')).toEqual({ busy: 15, idle: 85, steal: 0, total: 100 });
  });
});
