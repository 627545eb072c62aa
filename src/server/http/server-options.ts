import type { ServerOptions } from 'node:http';

/**
 * Inbound limits so slow or greedy clients cannot hold sockets or memory: headers within
 * 10 s (or the deadline plus 5 s, if shorter), the whole request within the upstream
 * deadline plus 5 s, idle keep-alive sockets closed after 5 s, headers at most 16 KiB.
 * Node checks these timeouts on an interval; 1 s makes them bite promptly.
 */
export function serverOptions(deadlineMs: number): ServerOptions {
  const requestTimeout = deadlineMs + 5_000;
  return {
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 1_000,
    maxHeaderSize: 16 * 1024,
  };
}
