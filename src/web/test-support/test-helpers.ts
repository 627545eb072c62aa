import { vi } from 'vitest';

/** Answers `fetch` from a table of API paths, recording what was asked; anything else is a 404. */
export function fakeApi(routes: Record<string, { status?: number; body: unknown }>) {
  const calls: string[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const path = String(input);
    calls.push(path);
    const route = routes[path] ?? { status: 404, body: { error: { code: 'not_found', message: 'No such route.' } } };
    return new Response(JSON.stringify(route.body), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { calls, spy };
}
