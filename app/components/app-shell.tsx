import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

const NAV_ITEMS = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/book", label: "Book a mock" },
  { to: "/sessions", label: "Sessions" },
  { to: "/feedback", label: "Feedback" },
  { to: "/progress", label: "Progress" },
  { to: "/credits", label: "Credits" },
  { to: "/profile", label: "Profile" },
];

export function AppShell({
  userName,
  showOutbox,
  children,
}: {
  userName: string;
  showOutbox: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/dashboard" className="brand">
            <img src="/favicon.svg" alt="" />
            Peerloop
          </Link>
          <nav className="nav" aria-label="Main">
            {NAV_ITEMS.map((item) => (
              <NavLink key={item.to} to={item.to} prefetch="intent">
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="user-menu">
            <span>{userName}</span>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--secondary">
                Log out
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
      <footer className="site-footer">
        <Link to="/availability">Availability</Link>
        {showOutbox ? (
          <>
            {" · "}
            <Link to="/outbox">Outbox (development)</Link>
          </>
        ) : null}
      </footer>
    </>
  );
}
