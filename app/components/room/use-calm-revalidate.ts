import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

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
    wanted.current = false;
    revalidator.revalidate();
  }, [asked, busy, revalidator]);
  return useCallback(() => {
    wanted.current = true;
    setAsked((n) => n + 1);
  }, []);
}
