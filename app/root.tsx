import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import stylesHref from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Peerloop: rehearse your interview loop with peers" },
  {
    name: "description",
    content: "Book peer mock interviews by round and level, practise live, and review feedback.",
  },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? "Page not found" : status === 403 ? "Not allowed" : "Something went wrong";
  const detail =
    status === 404
      ? "There is nothing at this address. It may have moved, or it was never yours to see."
      : status === 403
        ? "You do not have access to this page."
        : "An unexpected error stopped this page. Try again in a moment.";
  return (
    <main className="page page--narrow error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/" className="button">
          Go to the start page
        </Link>
      </p>
    </main>
  );
}
