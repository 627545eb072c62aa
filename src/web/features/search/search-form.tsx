import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { parseMemberId } from '../../../contract/member-id';
import { cn } from '../../ui/cn';
import { loadMemberRoute } from '../member/load-member-route';

type Props = { variant: 'hero' | 'header'; autoFocus?: boolean };

/** Paste an id, press Enter: invalid input is explained inline and nothing is sent. */
export function SearchForm({ variant, autoFocus = false }: Props) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const hero = variant === 'hero';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseMemberId(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setValue(hero ? parsed.id : '');
    navigate(`/members/${encodeURIComponent(parsed.id)}`);
  }

  return (
    <form role="search" onSubmit={onSubmit} noValidate className={cn('w-full', hero ? 'max-w-xl' : 'max-w-sm')}>
      <label htmlFor={inputId} className={hero ? 'mb-2 block text-sm font-medium' : 'sr-only'}>
        Member id
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          type="search"
          name="member"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            void loadMemberRoute().catch(() => {});
            if (error) setError(null);
          }}
          placeholder="mber_XXXXXXXXXXXX"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={cn(
            'min-w-0 flex-1 rounded-lg border bg-white font-mono text-zinc-900 shadow-sm outline-none placeholder:text-zinc-500',
            'focus-visible:ring-2 focus-visible:ring-indigo-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400',
            error ? 'border-rose-600 dark:border-rose-400' : 'border-zinc-300 dark:border-zinc-700',
            hero ? 'px-4 py-3 text-base' : 'px-3 py-1.5 text-sm',
          )}
        />
        <button
          type="submit"
          className={cn(
            'rounded-lg bg-indigo-600 font-medium text-white shadow-sm hover:bg-indigo-700',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
            hero ? 'px-5 py-3' : 'px-3 py-1.5 text-sm',
          )}
        >
          Look up
        </button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
