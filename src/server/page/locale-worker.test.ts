import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LOCALE_WORKER_PATH } from './locale-warm-up';

/** The worker's script as the build ships it: `public/` is copied to the root of dist/client. */
const source = readFileSync(path.join(import.meta.dirname, '../../../public', LOCALE_WORKER_PATH), 'utf8');

/** Runs the worker's script in a global of its own, as a worker does: `Intl` and `close` only. */
function run(intl: unknown) {
  const calls: string[] = [];
  runInNewContext(source, { Intl: intl, Date, close: () => calls.push('close') });
  return calls;
}

describe('the locale warm-up worker (public/locale-warm-up.js)', () => {
  it("builds the member page's formatters (dates, relative times, money, token amounts), then ends itself", () => {
    const built: string[] = [];
    const spy = (name: keyof typeof Intl) =>
      new Proxy(Intl[name] as unknown as new (...args: unknown[]) => object, {
        construct(target, args) {
          built.push(`${name} ${JSON.stringify(args[1] ?? {})}`);
          return new target(...args);
        },
      });
    const calls = run({
      DateTimeFormat: spy('DateTimeFormat'),
      NumberFormat: spy('NumberFormat'),
      RelativeTimeFormat: spy('RelativeTimeFormat'),
    });
    // The options of src/web/lib/format (dates.ts, money.ts): those formatters find the data loaded.
    expect(built).toEqual([
      'DateTimeFormat {"dateStyle":"medium","timeStyle":"short"}',
      'DateTimeFormat {"dateStyle":"medium"}',
      'DateTimeFormat {}',
      'RelativeTimeFormat {"numeric":"auto","style":"long"}',
      'RelativeTimeFormat {"numeric":"auto","style":"narrow"}',
      'NumberFormat {"style":"currency","currency":"USD"}',
      'NumberFormat {"maximumFractionDigits":2}',
    ]);
    expect(calls).toEqual(['close']);
  });

  it('ends itself without a word where the browser lacks one of them', () => {
    expect(run({ DateTimeFormat: Intl.DateTimeFormat })).toEqual(['close']);
  });
});
