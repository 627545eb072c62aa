import { useEffect, useEffectEvent, useState } from 'react';

/** Seconds left from `seconds`, ticking once a second; calls `onDone` once at zero. */
export function useCountdown(seconds: number | undefined, onDone: () => void): number | undefined {
  const [left, setLeft] = useState(seconds);
  // Read when the countdown ends; a new `onDone` identity must not restart the countdown.
  const done = useEffectEvent(onDone);
  useEffect(() => {
    setLeft(seconds);
    if (seconds === undefined) return;
    const endsAt = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        done();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
