// What a person pasted, made into the lines a list is created with. The limits are checked
// here, before anything is sent, so a list that is too long costs no request and loses no text.
import { BULK_MAX_LINE_LENGTH, BULK_MAX_LINES } from '../../../contract/bulk';

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** One line as the server should see it: trimmed, one pair of surrounding quotes taken off. */
export function normaliseLine(raw: string): string {
  const line = raw.trim();
  const quoted =
    line.length >= 2 && ((line[0] === '"' && line.at(-1) === '"') || (line[0] === "'" && line.at(-1) === "'"));
  return quoted ? line.slice(1, -1).trim() : line;
}

/** The textarea's text as lines: each normalised, blank ones dropped (CRLF and CR count as breaks too). */
export function normaliseLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(normaliseLine)
    .filter((line) => line !== '');
}

export type LinesCheck = { ok: true; lines: string[] } | { ok: false; message: string };

/**
 * Whether the lines may be sent: at most BULK_MAX_LINES of them, none longer than
 * BULK_MAX_LINE_LENGTH. The messages name the count or the line, so the fix is obvious.
 */
export function checkLines(lines: string[]): LinesCheck {
  if (lines.length === 0) return { ok: false, message: 'Paste at least one member id, email or username.' };
  if (lines.length > BULK_MAX_LINES) {
    return {
      ok: false,
      message: `${count(lines.length)} lines: a list holds at most ${count(BULK_MAX_LINES)}. Split it and look up the rest after.`,
    };
  }
  const long = lines.findIndex((line) => line.length > BULK_MAX_LINE_LENGTH);
  if (long !== -1) {
    return {
      ok: false,
      message: `Line ${count(long + 1)} is ${count(lines[long]?.length ?? 0)} characters long; a line holds at most ${count(BULK_MAX_LINE_LENGTH)}.`,
    };
  }
  return { ok: true, lines };
}
