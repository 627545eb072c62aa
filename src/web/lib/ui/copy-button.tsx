import { useEffect, useRef, useState } from 'react';
import { announce } from '../announcer';
import { cn } from './cn';
import { Icon } from './icon';

type Props = {
  text: string;
  /** What is copied, in words: "member id", "link to this member". */
  what: string;
  /** `icon` sits beside a value; `text` is a labelled button of its own. */
  variant?: 'icon' | 'text';
  label?: string;
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Copies to the clipboard and says so: the button shows a check (or "Copied") for two
 * seconds and screen readers hear "Member id copied".
 */
export function CopyButton({ text, what, variant = 'icon', label }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const reset = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(reset.current), []);

  async function copy() {
    clearTimeout(reset.current);
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      announce(`${capitalize(what)} copied`);
    } catch {
      setState('failed');
      announce(`Could not copy the ${what}. Select it and copy it by hand.`);
    }
    reset.current = setTimeout(() => setState('idle'), 2000);
  }

  const icon =
    state === 'copied' ? (
      <path d="m5 12 5 5 9-11" />
    ) : state === 'failed' ? (
      <path d="M12 8v5m0 3.5v.5M4 20h16L12 4Z" />
    ) : (
      <>
        <rect x="8" y="8" width="12" height="12" rx="2" />
        <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
      </>
    );

  return (
    <button
      type="button"
      onClick={() => void copy()}
      aria-label={variant === 'icon' ? `Copy ${what}` : undefined}
      title={variant === 'icon' ? `Copy ${what}` : undefined}
      data-state={state}
      className={cn(
        'inline-flex shrink-0 items-center gap-1.5 rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500',
        'dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
        variant === 'icon'
          ? 'size-7 justify-center'
          : 'border border-zinc-300 px-3 py-1.5 text-sm font-medium dark:border-zinc-700',
        state === 'copied' && 'text-emerald-700 dark:text-emerald-300',
        state === 'failed' && 'text-rose-700 dark:text-rose-300',
      )}
    >
      <Icon>{icon}</Icon>
      {variant === 'text' &&
        (state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : (label ?? `Copy ${what}`))}
    </button>
  );
}
