/**
 * The Whop stand-in in its own process, so it does not share a core's event loop with
 * the load generator. Serves the demo members plus BENCH_EXTRA_MEMBERS generated ones
 * (mber_bench0, mber_bench1, ...). Talks to the parent over IPC: "ready" with the base
 * URL, and upstream call counts on request.
 */
import type { Member } from '../../src/contract/member';
import { demoMembers } from '../../src/demo-whop/fixtures';
import { startDemoWhop } from '../../src/demo-whop/server';
import { benchMemberId, busiestWindow, type StandInMessage, type StandInQuery } from './ipc';

const apiKey = process.env.BENCH_KEY ?? '';
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
const extra = Number(process.env.BENCH_EXTRA_MEMBERS ?? 0);

const template = demoMembers().find((m) => m.id === 'mber_demoAvaChen')!;
const extraMembers: Member[] = Array.from({ length: extra }, (_, i) => ({
  ...template,
  id: benchMemberId(i),
  user: { id: `user_bench${i}`, username: `bench${i}`, name: `Bench Member ${i}`, email: `bench${i}@example.com` },
}));

const demo = await startDemoWhop({ apiKey, latencyMs, extraMembers });
const send = (msg: StandInMessage) => process.send?.(msg);
send({ type: 'ready', baseURL: demo.baseURL });

process.on('message', (msg: StandInQuery) => {
  if (msg.type === 'calls')
    send({ type: 'calls', seq: msg.seq, total: demo.requests.length, forId: msg.id ? demo.callsFor(msg.id) : 0 });
  if (msg.type === 'window') {
    const from = demo.arrivals.findIndex((t) => t >= msg.since);
    const arrivals = from === -1 ? [] : demo.arrivals.slice(from);
    const busiest = busiestWindow(arrivals);
    send({ type: 'window', seq: msg.seq, total: arrivals.length, busiest: busiest.count, busiestAt: busiest.at });
  }
  if (msg.type === 'throttle') demo.throttle(msg.ms, msg.retryAfterSeconds);
  if (msg.type === 'spend') {
    demo.updateMember(msg.id, { usd_total_spent: msg.usd });
    send({ type: 'spend', seq: msg.seq });
  }
});
const stop = () => void demo.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
