import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";

const NAV_ITEMS = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/book", label: "Book a mock" },
  { to: "/sessions", label: "Sessions" },
  { to: "/availability", label: "Availability" },
  { to: "/feedback", label: "Feedback" },
  { to: "/progress", label: "Progress" },
  { to: "/plan", label: "Plan" },
  { to: "/stories", label: "Stories" },
  { to: "/credits", label: "Credits" },
  { to: "/profile", label: "Profile" },
];

/**
 * The navigation collapses behind a Menu button on narrow screens. Until the page is
 * hydrated the button could not work, so the links stay visible (wrapping) instead.
 */
function useMenu() {
  const [open, setOpen] = useState(false);
  const [enhanced, setEnhanced] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setEnhanced(true), []);
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setOpen(false), [pathname]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  return { open, enhanced, button, toggle: () => setOpen((o) => !o), onKeyDown };
}

export function AppShell({
  userName,
  credits,
  isAdmin = false,
  showOutbox,
  children,
}: {
  userName: string;
  credits: number;
  isAdmin?: boolean;
  showOutbox: boolean;
  children: ReactNode;
}) {
  const menu = useMenu();
  const topbarClass = [
    "topbar",
    menu.enhanced ? "topbar--enhanced" : "",
    menu.open ? "topbar--open" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the bar closes the menu */}
      <header className={topbarClass} onKeyDown={menu.onKeyDown}>
        <div className="topbar__inner">
          <Link to="/dashboard" className="brand">
            <img src="/favicon.svg" alt="" />
            Peerloop
          </Link>
          <button
            ref={menu.button}
            type="button"
            className="menu-button"
            aria-expanded={menu.open}
            aria-controls="main-nav"
            onClick={menu.toggle}
          >
            <span className="menu-button__icon" aria-hidden="true" />
            Menu
          </button>
          <nav id="main-nav" className="nav" aria-label="Main">
            {NAV_ITEMS.map((item) => (
              <NavLink key={item.to} to={item.to} prefetch="intent">
                {item.label}
              </NavLink>
            ))}
            {isAdmin ? (
              <NavLink to="/admin" prefetch="intent">
                Admin
              </NavLink>
            ) : null}
          </nav>
          <div className="user-menu">
            <Link
              to="/credits"
              className="credit-chip"
              aria-label={`${credits} ${credits === 1 ? "credit" : "credits"}: open your credits`}
            >
              <span className="credit-chip__count" data-testid="header-credit-balance">
                {credits}
              </span>{" "}
              {credits === 1 ? "credit" : "credits"}
            </Link>
            <span title={userName}>{userName}</span>
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
      {showOutbox ? (
        <footer className="site-footer">
          <Link to="/outbox">Outbox (development)</Link>
        </footer>
      ) : null}
    </>
  );
}
