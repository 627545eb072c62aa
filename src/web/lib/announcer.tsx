import { useEffect, useState } from 'react';

let say: ((message: string) => void) | null = null;

/**
 * Tells screen-reader users what just happened ("12 members found", "Email copied").
 * One polite live region lives in the page frame from the start: regions that appear
 * together with their text are often not read out.
 */
export function announce(message: string) {
  say?.(message);
}

export function Announcer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mine = (next: string) => {
      // Clear first, so the same words twice in a row are read twice.
      setMessage('');
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(next), 60);
    };
    say = mine;
    return () => {
      // Should another announcer have mounted before this one unmounts, leave it be.
      if (say === mine) say = null;
      clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">
      {message}
    </div>
  );
}
