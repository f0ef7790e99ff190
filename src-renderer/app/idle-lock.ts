// Locks the screen after the configured minutes without keyboard or mouse use, and tells main the desk is in use
// (at most once a minute) so its own idle check agrees with what the person at the desk is doing.
import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function useIdleLock(opts: { minutes: number; enabled: boolean; onIdle: () => void; onActive: () => void }): void {
  const last = useRef(Date.now());
  const lastReport = useRef(Date.now());
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    if (!opts.enabled) return;
    last.current = Date.now();
    const mark = () => {
      const now = Date.now();
      last.current = now;
      if (now - lastReport.current > 60_000) {
        lastReport.current = now;
        latest.current.onActive();
      }
    };
    for (const e of ACTIVITY) window.addEventListener(e, mark, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= latest.current.minutes * 60_000) latest.current.onIdle();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, mark, { capture: true });
      window.clearInterval(timer);
    };
  }, [opts.enabled]);
}
