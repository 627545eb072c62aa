/**
 * Intl formatters are costly to build, and the first one in a tab also loads the locale's
 * data (tens of milliseconds on a slow machine). Each distinct locale and options pair is
 * built once and reused.
 */
const dateTimes = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();
const relatives = new Map<string, Intl.RelativeTimeFormat>();

function cached<T>(map: Map<string, T>, locale: string | undefined, options: object, make: () => T): T {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * The reader's locale and time zone when they are not the runtime's own: the server renders a
 * deep link's first paint for a browser elsewhere (src/web/app/first-paint.tsx).
 * In the browser they stay unset, and Intl uses the browser's.
 */
type IntlDefaults = { locale?: string; timeZone?: string };
let defaults: IntlDefaults = {};

/**
 * Runs `render` with `next` as every formatter's default locale and time zone. Meant for a
 * synchronous render (React's renderToString): nothing else runs in between.
 */
export function withIntlDefaults<T>(next: IntlDefaults, render: () => T): T {
  const before = defaults;
  defaults = next;
  try {
    return render();
  } finally {
    defaults = before;
  }
}

export const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) => {
  const resolved = locale ?? defaults.locale;
  const withZone = options.timeZone || !defaults.timeZone ? options : { ...options, timeZone: defaults.timeZone };
  return cached(dateTimes, resolved, withZone, () => new Intl.DateTimeFormat(resolved, withZone));
};

export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions) => {
  const resolved = locale ?? defaults.locale;
  return cached(numbers, resolved, options, () => new Intl.NumberFormat(resolved, options));
};

export const relativeTimeFormat = (locale: string | undefined, options: Intl.RelativeTimeFormatOptions) => {
  const resolved = locale ?? defaults.locale;
  return cached(relatives, resolved, options, () => new Intl.RelativeTimeFormat(resolved, options));
};
