// The member page's locale warm-up, on a thread of its own (src/server/page/locale-warm-up.ts).
// The first Intl formatter a browser tab builds loads its locale's data from ICU: 40-100 ms on
// this machine's Chromium, four times that on Lighthouse's slow phone, in one task. ICU keeps that
// data for the whole renderer process, so building the member page's formatters here, in a
// worker, leaves the page's own first ones about 1 ms each, and its main thread free meanwhile.
// The formatters the member page builds first (src/web/lib/format: dates.ts, money.ts) and the time
// zone first-paint-data.ts reads; ICU loads a locale's data once per locale, so formatters with
// other options (a currency's 8 digits) find it loaded too.
try {
  const now = Date.now();
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(now);
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(now);
  new Intl.DateTimeFormat().resolvedOptions();
  new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' }).format(-2, 'second');
  new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'narrow' }).format(-2, 'second');
  new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(1);
  new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(1);
} catch {
  // A browser without one of these: the page builds what it has itself.
}
close();
