import { useEffect, useState } from "react";
import { describeLiveStatus, type LiveStatus } from "~/modules/sessions/roles";

/** The browser's clock, ticking; the first render uses the loader's, to match the HTML. */
export function useNow(serverNow: number, everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "Live · 23 min left", "Ended": what the session is now, by its status and the clock. */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  return (
    <p className={`live-status live-status--${status.kind}`} data-testid="live-status">
      {status.kind === "live" ? <span className="live-status__dot" aria-hidden="true" /> : null}
      {describeLiveStatus(status)}
    </p>
  );
}
