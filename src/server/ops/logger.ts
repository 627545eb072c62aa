import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Errors that mean "the reader is slow right now", not "the reader is gone". */
const BUSY = new Set(['EAGAIN', 'EBUSY']);

/** What stdout may hold back for a slow reader before new lines are dropped. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * Standard output that never blocks or breaks the process. pino's default destination
 * flushes synchronously on exit and retries a failed write forever, so once the log reader
 * is gone (a log shipper or terminal that died: EPIPE) `process.exit` never returns and a
 * graceful stop hangs. Here every write is synchronous and tried once: a busy pipe keeps
 * at most MAX_BACKLOG_BYTES and drops the rest, and any other error stops logging for
 * good, since there is nobody left to read it.
 */
export function stdoutDestination(fd = 1): DestinationStream {
  const sonic = pino.destination({ dest: fd, sync: true, retryEAGAIN: () => false, maxLength: MAX_BACKLOG_BYTES });
  let gone = false;
  sonic.on('error', (err: NodeJS.ErrnoException) => {
    if (!BUSY.has(err.code ?? '')) gone = true;
  });
  // A full backlog drops lines ('drop'); without a listener that is silent, as intended.
  return {
    write(line: string) {
      if (!gone) sonic.write(line);
    },
  };
}

/**
 * One JSON line per event. The redaction list is a second line of defence: request
 * logging never passes these fields in the first place.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'apiKey',
          'authorization',
          'cookie',
          'headers.authorization',
          'headers.cookie',
          '*.email',
          '*.phone',
          '*.name',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? stdoutDestination(),
  );
}
