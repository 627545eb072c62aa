import { vi } from 'vitest';

type Route = { status?: number; body: unknown };

/**
 * Answers `fetch` from a table of API paths, recording what was asked; anything else is a 404.
 * A key may name the method (`'POST /api/bulk'`), which wins over the bare path; `requests`
 * keeps each call's method and JSON body for the tests that send one.
 */
export function fakeApi(routes: Record<string, Route | ((body: unknown) => Route)>) {
  const calls: string[] = [];
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push(path);
    requests.push({ method, path, body });
    const found = routes[`${method} ${path}`] ?? routes[path];
    const route = (typeof found === 'function' ? found(body) : found) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'No such route.' } },
    };
    return new Response(JSON.stringify(route.body), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { calls, requests, spy };
}
