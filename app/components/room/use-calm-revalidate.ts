import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

/** How soon a revalidation held back by a load in flight is tried again. */
const RETRY_MS = 250;

interface LiveRouterState {
  navigation: { state: string };
  revalidation: string;
  fetchers: Map<string, { state: string }>;
}

declare global {
  interface Window {
    /** Remix's client router (set by RemixBrowser): its state now, not at the last render. */
    __remixRouter?: { state: LiveRouterState };
  }
}

/**
 * Whether the router is loading anything right now. The hooks' view lags: Remix applies
 * router updates in React transitions, so a render (and its effects) can still see "idle"
 * while a revalidation or navigation has started; revalidating then aborts that load, and
 * Remix (with v3_throwAbortReason) reports the aborted read as an error.
 */
function routerBusyNow(): boolean {
  const state = typeof window === "undefined" ? undefined : window.__remixRouter?.state;
  if (!state) return false;
  return (
    state.navigation.state !== "idle" ||
    state.revalidation !== "idle" ||
    [...state.fetchers.values()].some((fetcher) => fetcher.state !== "idle")
  );
}

/**
 * Reloads the page's data once nothing else is loading. A revalidation started while
 * another load or a fetcher is in flight aborts it, and Remix logs the aborted read as
 * an error; waiting for quiet loses nothing (requests made meanwhile fold into one).
 */
export function useCalmRevalidate(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy =
    revalidator.state !== "idle" ||
    navigation.state !== "idle" ||
    fetchers.some((fetcher) => fetcher.state !== "idle");
  const wanted = useRef(false);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked === 0 || busy || !wanted.current) return;
    if (routerBusyNow()) {
      // The hooks have not caught up yet: look again shortly.
      const retry = setTimeout(() => setAsked((n) => n + 1), RETRY_MS);
      return () => clearTimeout(retry);
    }
    wanted.current = false;
    revalidator.revalidate();
  }, [asked, busy, revalidator]);
  return useCallback(() => {
    wanted.current = true;
    setAsked((n) => n + 1);
  }, []);
}
