import {
  type ErrorResponse,
  isRouteErrorResponse,
  Link,
  useParams,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";

// The Epic Stack's GeneralErrorBoundary: every route exports one, so an error shows up
// inside the nearest layout that still works (the app's navigation stays), with a
// message for its status instead of a generic crash page.

type StatusHandler = (info: {
  error: ErrorResponse;
  params: Record<string, string | undefined>;
}) => ReactNode;

const MESSAGES: Record<number, { title: string; detail: string }> = {
  400: {
    title: "That request was not understood",
    detail: "Something in the address or the form was not valid. Go back and try again.",
  },
  401: {
    title: "Please log in",
    detail: "This page is for signed-in members.",
  },
  403: {
    title: "Not allowed",
    detail: "You do not have access to this page.",
  },
  404: {
    title: "Page not found",
    detail: "There is nothing at this address. It may have moved, or it was never yours to see.",
  },
  405: {
    title: "Not possible here",
    detail: "This page does not accept that kind of request.",
  },
  409: {
    title: "That changed in the meantime",
    detail: "Someone else changed this while you were looking. Reload the page and try again.",
  },
  413: {
    title: "That was too large",
    detail: "What you sent is larger than this page accepts. Shorten it and try again.",
  },
  429: {
    title: "Too many attempts",
    detail: "Wait a minute before you try again.",
  },
  500: {
    title: "Something went wrong",
    detail: "An unexpected error stopped this page. Try again in a moment.",
  },
  503: {
    title: "Temporarily unavailable",
    // In practice the database is out of reach (app/http/database-outage.server.ts).
    detail:
      "Peerloop cannot reach its database right now, so nothing could be shown or saved. Try again in a minute.",
  },
};

/** The title and explanation shown for an HTTP status (unknown ones read as their class). */
export function errorMessageFor(status: number): { title: string; detail: string } {
  const known = MESSAGES[status];
  if (known) return known;
  return status >= 500 ? MESSAGES[500]! : MESSAGES[400]!;
}

function ErrorPanel({
  status,
  title: ownTitle,
  children,
}: {
  status: number;
  title?: string;
  children?: ReactNode;
}) {
  const { title, detail } = errorMessageFor(status);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="eyebrow">Error {status}</p>
      <h1 id="error-title">{ownTitle ?? title}</h1>
      {children ?? <p>{detail}</p>}
      <p>
        <Link to="/dashboard" className="button">
          Go to your dashboard
        </Link>
      </p>
    </section>
  );
}

const defaultStatusHandler: StatusHandler = ({ error }) => <ErrorPanel status={error.status} />;

export function GeneralErrorBoundary({
  statusHandlers,
  defaultHandler = defaultStatusHandler,
  unexpectedErrorHandler = () => <ErrorPanel status={500} />,
}: {
  /** Route-specific content for some statuses, e.g. `{ 404: () => <p>No such session.</p> }`. */
  statusHandlers?: Partial<Record<number, StatusHandler>>;
  defaultHandler?: StatusHandler;
  unexpectedErrorHandler?: (error: unknown) => ReactNode;
}) {
  const error = useRouteError();
  const params = useParams();
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) {
    // Unexpected errors reach the browser console for whoever is debugging; the page
    // itself never shows a stack trace.
    console.error(error);
  }
  return (
    <div className="stack">
      {isRouteErrorResponse(error)
        ? (statusHandlers?.[error.status] ?? defaultHandler)({ error, params })
        : unexpectedErrorHandler(error)}
    </div>
  );
}

/** A status-specific panel with the route's own words, for `statusHandlers`. */
export function StatusMessage({
  status,
  title,
  children,
}: {
  status: number;
  title?: string;
  children: ReactNode;
}) {
  return (
    <ErrorPanel status={status} title={title}>
      {children}
    </ErrorPanel>
  );
}

/** A route's boundary whose 404 says, in the route's words, what is missing and where to go. */
export function NotFoundBoundary({ title, children }: { title: string; children: ReactNode }) {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <StatusMessage status={404} title={title}>
            {children}
          </StatusMessage>
        ),
      }}
    />
  );
}

/** Every route's boundary unless it has a more specific one. */
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** For routes outside the app's layout (start page, log-in, sign-up, the layout itself). */
export function StandaloneErrorBoundary() {
  return (
    <main id="main" className="page page--narrow">
      <GeneralErrorBoundary />
    </main>
  );
}
