import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { memberLiveApiPath } from '../../../../contract/api-paths';
import { API_REQUEST_HEADER } from '../../../../contract/auth';
import { LIVE_EVENT_TYPES, LIVE_PARTS, type LivePart } from '../../../../contract/live';
import { announce } from '../../../lib/announcer';
import { queryClient } from '../../../lib/query-client';
import { markChanged, snapshotParts } from './live-highlight';
import { LiveLine, type LiveNote } from './live-line';
import { type EventSourceFactory, openLiveStream } from './live-stream';

export type StartLiveOptions = {
  memberId: string;
  /** The member's user id, when it has one: the server matches payments and memberships by it. */
  userId?: string | null;
  /** Shows what the stream says in the freshness row (the page's state setter). */
  render: (node: ReactNode) => void;
  client?: QueryClient;
  create?: EventSourceFactory;
  random?: () => number;
  now?: () => number;
  /** Reads a `<meta>` tag; the document's by default. */
  meta?: (name: string) => string | null;
};

/**
 * The `<meta>` names (contract/app-meta.ts LIVE_META_TAG and APP_META_TAGS, which live-member.test.tsx checks) and
 * the demo route (contract/demo-simulate.ts), written out: importing those modules here added
 * their code and exports to `/`'s chunks, which are at their budgets.
 */
export const LIVE_META = { live: 'app-live', mode: 'app-mode' } as const;
export const SIMULATE_PATH = '/api/demo/simulate';

const metaContent = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;

/** How often the note's "just now" is looked at again. */
const NOTE_TICK_MS = 15_000;

/**
 * The lists' paths in their query keys (MEMBER_LISTS' `path`, which live-member.test.tsx checks),
 * written out: importing the table from the member route's chunk made Rolldown add a helper to `/`.
 */
export const LIST_KEY_PATHS: Record<Exclude<LivePart, 'member'>, string> = {
  memberships: 'memberships',
  payments: 'payments',
  tokenTransactions: 'token-transactions',
};

/** The query each part is: the member's, or one of its lists' (keyed under it, member-list-query.ts). */
export function partQueryKey(memberId: string, part: LivePart): readonly string[] {
  return part === 'member' ? ['member', memberId] : ['member', memberId, LIST_KEY_PATHS[part]];
}

/** Refetches what the page shows of these parts (a part the page never asked for stays unasked). */
export function refetchParts(client: QueryClient, memberId: string, parts: readonly LivePart[]): Promise<unknown> {
  return Promise.all(
    parts.map((part) => client.refetchQueries({ queryKey: partQueryKey(memberId, part), exact: true })),
  );
}

/** Instances' clocks may differ a little: a change this close before what the page knew still counts as missed. */
const CLOCK_SLACK_MS = 2_000;

const latestOf = (a: string | null, b: string) => (!a || Date.parse(b) > Date.parse(a) ? b || a : a);

/**
 * Whether a page that knew of everything up to `known` (server time) may have missed the change
 * at `changedAt`; `heard` is the time of the last change it was told of, which it has not missed.
 */
export function mayHaveMissed(known: string | null, changedAt: string | null, heard: string | null = null): boolean {
  if (!changedAt || changedAt === heard) return false;
  if (!known) return true;
  return Date.parse(changedAt) > Date.parse(known) - CLOCK_SLACK_MS;
}

/**
 * A member page's live changes (issue 28), started after the page has painted: subscribes to the
 * member's stream when the server says webhooks are on (`app-live`), refetches the parts a
 * change touches, then marks what changed, says so beside the freshness line and to screen
 * readers. Its own chunk; React state stays in the page, which hands in `render` (docs/decisions/0030).
 * Returns the function that stops it (the page is left, or shows another member).
 */
export function startLive(options: StartLiveOptions): () => void {
  const { memberId, userId, render, client = queryClient, now = Date.now, meta = metaContent } = options;
  if (meta(LIVE_META.live) !== 'on') return () => {};
  const demo = meta(LIVE_META.mode) === 'demo';

  let live = false;
  /** The server's time of the latest thing this page heard (a `ready`, a change): it knows of every change before it. */
  let known: string | null = null;
  /** The server's time of the last change this page was told of. */
  let heard: string | null = null;
  let note: LiveNote | null = null;
  let simulating = false;
  let simulateError: string | null = null;
  let stopped = false;
  let tick: ReturnType<typeof setInterval> | undefined;

  const draw = () => {
    if (stopped) return;
    render(
      <LiveLine
        live={live}
        note={note}
        now={now()}
        simulate={demo ? { busy: simulating, error: simulateError, run: simulate } : null}
      />,
    );
  };

  const update = async (parts: readonly LivePart[]) => {
    const before = snapshotParts(parts);
    await refetchParts(client, memberId, parts);
    return before;
  };

  async function simulate() {
    if (simulating) return;
    simulating = true;
    simulateError = null;
    draw();
    try {
      const answer = await fetch(SIMULATE_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value },
        body: JSON.stringify({ member_id: memberId, type: 'payment.succeeded' }),
      });
      // Read whole (a body left unread keeps the request open in some browsers and tools).
      await answer.text();
      if (!answer.ok) throw new Error(`the server answered ${answer.status}`);
    } catch (err) {
      simulateError = err instanceof Error ? err.message : 'the simulated payment could not be sent';
      announce(`Could not simulate a payment: ${simulateError}`);
    }
    simulating = false;
    draw();
  }

  const query = userId ? `?${new URLSearchParams({ user: userId })}` : '';
  const close = openLiveStream(
    memberLiveApiPath(memberId) + query,
    {
      onReady(again, ready) {
        live = true;
        draw();
        // Ask for everything once if a change came that this page may not have heard: while the
        // stream was down (a rolling restart reconnects every page at once), or, the first time,
        // since its data was fetched (the stream opens after the page has painted). The data's
        // age in this browser's clock, taken from the server's `now`: no two clocks compared.
        const fetchedAt = client.getQueryState(partQueryKey(memberId, 'member'))?.dataUpdatedAt;
        const since = again
          ? known
          : fetchedAt && ready.now
            ? new Date(Date.parse(ready.now) - Math.max(0, now() - fetchedAt)).toISOString()
            : undefined;
        if (since !== undefined && mayHaveMissed(since, ready.changed_at, heard))
          void refetchParts(client, memberId, LIVE_PARTS);
        known = latestOf(known ?? since ?? null, ready.now);
      },
      onChange(change) {
        known = latestOf(known, change.at);
        heard = change.at;
        const { label, parts } = LIVE_EVENT_TYPES[change.type];
        void update(parts).then((before) => {
          if (stopped) return;
          markChanged(before);
          note = { label, at: now() };
          draw();
          announce(`${label}: the page is updated.`);
          clearInterval(tick);
          tick = setInterval(draw, NOTE_TICK_MS);
        });
      },
      onDown() {
        live = false;
        draw();
      },
    },
    { ...(options.create && { create: options.create }), ...(options.random && { random: options.random }) },
  );
  draw();

  return () => {
    stopped = true;
    clearInterval(tick);
    close();
    render(null);
  };
}
