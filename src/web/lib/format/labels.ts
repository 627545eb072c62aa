/** `paid_subscriber` -> `Paid subscriber`; unknown values stay readable too. */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
