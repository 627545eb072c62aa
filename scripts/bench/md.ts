/** Markdown helpers for docs/benchmarks.md. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const ms = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (kiB: number) => `${(kiB / 1024).toFixed(1)} MiB`;
export const verdict = (ok: boolean) => (ok ? '**pass**' : '**miss**');
/** A difference with its sign: +1.20, -0.35. */
export const signed = (v: number, digits = 2) =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : '-'}${Math.abs(v).toFixed(digits)}` : 'n/a';
