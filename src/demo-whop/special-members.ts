import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { API_PREFIX, type StandInContext, whopErrors } from './answers';
import { type DemoMember, SLOW_MS, SPECIAL_IDS } from './fixtures';

export type SpecialMemberId = (typeof SPECIAL_IDS)[keyof typeof SPECIAL_IDS];

type MemberRequest = {
  c: StandInContext;
  id: string;
  /** Which call for this id this is, from 1. */
  call: number;
  /** What an ordinary id gets: the member record, or a 404. */
  answer: () => Response;
};
type MemberHandler = (request: MemberRequest) => Response | Promise<Response>;

export type SpecialMemberDeps = {
  /** Ava Chen's record, which the truncated fault cuts in half. */
  template: DemoMember;
  /** Runs `fn` after `ms`, unless the stand-in closes first. */
  later: (ms: number, fn: () => void) => void;
};

/**
 * Faults below HTTP's level (a hang, a reset, a drip, a cut or a flood of bytes) are
 * written straight to Node's response; Hono is told the answer has been sent.
 */
function raw(c: StandInContext, write: (res: ServerResponse, req: IncomingMessage) => void): Response {
  write(c.env.outgoing, c.env.incoming);
  return RESPONSE_ALREADY_SENT;
}

/** Some ids answer with Whop's error, some after a wait, some misbehave as a broken upstream would. */
export function specialMemberHandlers({ template, later }: SpecialMemberDeps): Record<SpecialMemberId, MemberHandler> {
  const wait = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));
  return {
    [SPECIAL_IDS.notFound]: ({ c }) => whopErrors.notFound(c),
    [SPECIAL_IDS.forbidden]: ({ c }) => whopErrors.forbidden(c),
    [SPECIAL_IDS.unauthorized]: ({ c }) => whopErrors.unauthorized(c),
    [SPECIAL_IDS.rateLimited]: ({ c }) => whopErrors.rateLimited(c, 30),
    [SPECIAL_IDS.retryAfter120]: ({ c }) => whopErrors.rateLimited(c, 120),
    [SPECIAL_IDS.retryAfter1]: ({ c, call, answer }) => (call % 2 === 1 ? whopErrors.rateLimited(c, 1) : answer()),
    [SPECIAL_IDS.flaky]: ({ c, call, answer }) => (call % 2 === 1 ? whopErrors.internal(c) : answer()),
    [SPECIAL_IDS.unavailable]: ({ c }) => whopErrors.unavailable(c),
    // Not a demo member of its own: the retry gets Ava Chen's record under this id.
    [SPECIAL_IDS.requestTimeout]: ({ c, id, call }) =>
      call % 2 === 1 ? whopErrors.requestTimeout(c) : c.json({ ...template, id }),
    [SPECIAL_IDS.badRequest]: ({ c }) => whopErrors.badRequest(c),
    [SPECIAL_IDS.unprocessable]: ({ c }) => whopErrors.unprocessable(c),
    [SPECIAL_IDS.slow]: async ({ answer }) => {
      await wait(SLOW_MS);
      return answer();
    },
    // Never answers; the socket is destroyed on close().
    [SPECIAL_IDS.hang]: ({ c }) => raw(c, () => {}),
    [SPECIAL_IDS.drip]: ({ c }) =>
      raw(c, (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const tick = () => {
          if (res.destroyed) return;
          res.write(' ');
          later(200, tick);
        };
        tick();
      }),
    [SPECIAL_IDS.reset]: ({ c }) => raw(c, (_res, req) => req.socket.destroy()),
    [SPECIAL_IDS.truncated]: ({ c }) =>
      raw(c, (res) => {
        const text = JSON.stringify(template);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text.slice(0, text.length / 2));
      }),
    [SPECIAL_IDS.huge]: ({ c, id }) =>
      raw(c, (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        res.write(`{"id":"${id}","padding":"`);
        for (let i = 0; i < 160; i++) res.write(chunk); // ~10 MB
        res.end('"}');
      }),
    [SPECIAL_IDS.html502]: ({ c }) =>
      c.body('<html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>', 502, {
        'content-type': 'text/html',
      }),
    [SPECIAL_IDS.wrongType]: ({ c }) =>
      c.body('<!doctype html><title>Whop</title><p>Maintenance</p>', 200, { 'content-type': 'text/html' }),
    [SPECIAL_IDS.wrongShape]: ({ c, id }) => c.json({ id, object: 'member', data: [] }),
    // Points at a real member: if the proxy followed it, the test would see a 200.
    [SPECIAL_IDS.redirect]: ({ c }) => c.redirect(`${API_PREFIX}/members/mber_demoAvaChen`),
  };
}
