import type { ReactNode } from 'react';
import { cn } from './cn';

export type BadgeTone = 'green' | 'blue' | 'violet' | 'amber' | 'red' | 'gray' | 'neutral';

// Each tone meets 4.5:1 text contrast in both themes.
const tones: Record<BadgeTone, string> = {
  green:
    'bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/40',
  blue: 'bg-sky-100 text-sky-900 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-400/40',
  violet:
    'bg-violet-100 text-violet-900 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/40',
  amber: 'bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/40',
  red: 'bg-rose-100 text-rose-900 ring-rose-600/30 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-400/40',
  gray: 'bg-zinc-200 text-zinc-800 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-400/40',
  neutral:
    'bg-white text-zinc-700 ring-zinc-400/60 border-dashed dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-500/60',
};

export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}
