import type { MetaFunction } from "@remix-run/node";

// Any other address of a signed-in member: a 404 inside the app's layout, so the
// navigation stays (the layout's loader still asks anyone else to log in first).

export const meta: MetaFunction = () => [{ title: "Page not found · Peerloop" }];

export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  // The loader always throws: the error boundary renders instead.
  return null;
}

export { ErrorBoundary } from "~/components/error-boundary";
