import { useEffect, useState } from 'react';

/** Seconds left from `seconds`, ticking once a second; calls `onDone` once at zero. */
export function useCountdown(seconds: number | undefined, onDone: () => void): number | undefined {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds === undefined) return;
    const endsAt = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        onDone();
      }
    }, 250);
    return () => clearInterval(timer);
    // onDone is read when the countdown ends; restarting on its identity would reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seconds]);
  return left;
}
