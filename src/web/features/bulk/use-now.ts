import { useEffect, useState } from 'react';

/** The time, ticking every `everyMs` while `on`; the bulk page's pause countdown reads it. */
export function useNow(on: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [on, everyMs]);
  return now;
}
