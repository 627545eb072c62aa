import { type ChangeEvent, type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { afterPaint } from '../../lib/after-paint';
import { SEARCH_PARAM, SEARCH_PATH } from '../../lib/app-urls';
import { memberRoute } from '../../lib/member-route-link';
import { cn } from '../../lib/ui/cn';
import type { SubmitTarget } from './search-assist';

type Props = { variant: 'hero' | 'header'; autoFocus?: boolean };

// The classifier and prefetching arrive with the first focus or key press, not with `/`; a
// focus warms them up once the page has painted, so `/`'s own autofocus does not put their
// downloads ahead of its first paint.
const assist = () => import('./search-assist');
const warmUp = () => void afterPaint(() => void Promise.all([assist(), memberRoute.current?.()]).catch(() => {}));

/**
 * The one search box: a member id goes straight to the member; anything else a manager
 * holds (membership id, user id, email, username, name, a pasted link) goes to /search.
 * Invalid input is explained inline and nothing is sent.
 */
export function SearchForm({ variant, autoFocus = false }: Props) {
  const navigate = useNavigate();
  const location = useLocation();
  const [value, setValue] = useState(() =>
    location.pathname === SEARCH_PATH ? (new URLSearchParams(location.search).get(SEARCH_PARAM) ?? '') : '',
  );
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();
  const hero = variant === 'hero';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let target: SubmitTarget;
    try {
      target = (await assist()).submitTarget(value);
    } catch {
      setError('Could not load the search. Check your connection and try again.');
      return;
    }
    if (!target.ok) {
      setError(target.message);
      return;
    }
    setError(null);
    setValue(target.kind === 'member' && !hero ? '' : target.value);
    navigate(target.path);
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const next = event.target.value;
    setValue(next);
    if (error) setError(null);
    void assist()
      .then((a) => a.onTyped(next, event.nativeEvent as InputEvent))
      .catch(() => {});
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && value !== '') {
      event.preventDefault();
      setValue('');
      setError(null);
    } else if (event.key === 'ArrowDown') {
      // From the box into the results list, when there is one.
      const first = document.querySelector<HTMLElement>('[data-result-link]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: the build targets browsers without <search> (Safari 16.4, Chrome 111: Vite's baseline-widely-available); role="search" is a landmark in all of them.
    <form role="search" onSubmit={(e) => void onSubmit(e)} noValidate className={cn('w-full', hero && 'max-w-xl')}>
      <label htmlFor={inputId} className={hero ? 'mb-2 block text-sm font-medium' : 'sr-only'}>
        Search members
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          type="search"
          name="q"
          data-search-input
          value={value}
          onChange={onChange}
          onKeyDown={onKeyDown}
          // The member page's code and the search logic start loading on focus.
          onFocus={warmUp}
          placeholder="Id, email or name"
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: only on `/`, whose one job is this box: focus lands on its label and hint, as on a search engine's home page, never mid-page.
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={cn(error && errorId, hero && hintId) || undefined}
          className={cn(
            'min-w-0 flex-1 rounded-lg border bg-white text-zinc-900 shadow-sm outline-none placeholder:text-zinc-500',
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
          {hero ? 'Look up' : 'Search'}
        </button>
      </div>
      {hero && (
        <p id={hintId} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          A member, membership or user id, an email, a username or a name; or paste a link.
          <span className="max-sm:hidden"> Press / anywhere to search, Esc to clear.</span>
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
