import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectLogs } from '../../../test/test-app';
import { createLogger, stdoutDestination } from './logger';

let dir = '';
const opened: number[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logger-test-'));
});
afterEach(() => {
  for (const fd of opened.splice(0)) {
    try {
      fs.closeSync(fd);
    } catch {
      // closed by the test on purpose
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = (file: string, flags: number | string) => {
  const fd = fs.openSync(file, flags);
  opened.push(fd);
  return fd;
};

/** Reads what is waiting in a non-blocking pipe, without blocking when there is nothing. */
function drain(fd: number): string {
  const chunk = Buffer.alloc(64 * 1024);
  let text = '';
  for (;;) {
    try {
      const n = fs.readSync(fd, chunk);
      if (n === 0) return text;
      text += chunk.toString('utf8', 0, n);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return text;
      throw err;
    }
  }
}

describe('stdoutDestination', () => {
  it('writes each line at once (synchronously), so nothing is lost when the process exits', () => {
    const file = path.join(dir, 'out.log');
    const dest = stdoutDestination(open(file, 'w'));
    dest.write('{"msg":"one"}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"msg":"one"}\n');
    dest.write('{"msg":"two"}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"msg":"one"}\n{"msg":"two"}\n');
  });

  it('stops for good once its reader is gone (a write fails with anything but "busy"), without throwing', () => {
    const fd = open(path.join(dir, 'first.log'), 'w');
    const dest = stdoutDestination(fd);
    fs.closeSync(fd);
    expect(() => dest.write('{"msg":"lost"}\n')).not.toThrow();
    // The number is free again; whatever opens next gets it. None of our lines may land there.
    const other = path.join(dir, 'someone-else.log');
    expect(open(other, 'w')).toBe(fd);
    expect(() => dest.write('{"msg":"later"}\n')).not.toThrow();
    expect(fs.readFileSync(other, 'utf8')).toBe('');
  });

  it('never blocks on a reader that is busy (a full pipe), and carries on once it reads again', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = open(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const dest = stdoutDestination(open(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    // Twice what a Linux pipe holds (64 KiB): the later writes meet EAGAIN and return at once.
    const line = `{"msg":"${'x'.repeat(1000)}"}\n`;
    for (let i = 0; i < 128; i++) dest.write(line);
    let read = drain(reader);
    expect(read.length).toBeGreaterThan(0);
    // Every write retries what is held back; the reader keeps up now, so "after" arrives.
    dest.write('{"msg":"after"}\n');
    for (let i = 0; i < 50 && !read.includes('"after"'); i++) {
      read += drain(reader);
      dest.write('{"msg":"tick"}\n');
    }
    expect(read).toContain('{"msg":"after"}\n');
  });
});

describe('createLogger', () => {
  it('writes one JSON line per event: level, ISO time, message, no pid or hostname', () => {
    const { logs, sink } = collectLogs();
    createLogger('info', sink).info({ route: '/api/health' }, 'answered');
    expect(logs).toEqual([
      {
        level: 30,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        route: '/api/health',
        msg: 'answered',
      },
    ]);
  });

  it('writes nothing below its level', () => {
    const { logs, sink } = collectLogs();
    const logger = createLogger('warn', sink);
    logger.info('not this');
    logger.warn('this');
    expect(logs.map((l) => l.msg)).toEqual(['this']);
  });

  it('redacts keys, credentials and personal fields should one ever be passed', () => {
    const { logs, sink } = collectLogs();
    createLogger('info', sink).info({
      apiKey: 'sk_live',
      authorization: 'Bearer sk_live',
      cookie: 'wml_session=abc',
      headers: { authorization: 'Bearer sk_live', cookie: 'wml_session=abc', accept: 'application/json' },
      member: { id: 'mber_1', email: 'ava@example.com', phone: '+15550100', name: 'Ava Chen' },
    });
    expect(logs[0]).toMatchObject({
      apiKey: '[redacted]',
      authorization: '[redacted]',
      cookie: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' },
      member: { id: 'mber_1', email: '[redacted]', phone: '[redacted]', name: '[redacted]' },
    });
  });
});
