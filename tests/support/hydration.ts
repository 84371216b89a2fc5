import type { Page } from "playwright-core";

// Shared by the e2e tests and the browser benches (which run outside vitest).

/**
 * Resolves once React has hydrated the document (entry.client hydrates `document`),
 * so that clicks and typing reach React instead of the server-rendered HTML.
 */
export async function waitForHydration(page: Page) {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => {
    const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"));
    if (!key) return false;
    const hostRoot = (document as unknown as Record<string, { stateNode?: FiberRootLike }>)[key];
    const state = hostRoot?.stateNode?.current?.memoizedState;
    // React 18: the root stays "dehydrated" until the hydration pass has committed.
    return state != null && state.isDehydrated === false;

    interface FiberRootLike {
      current?: { memoizedState?: { isDehydrated?: boolean } | null };
    }
  });
}
