import { Link } from "@remix-run/react";
import type { PlanTab } from "~/modules/plan/plan-page.server";
import { formatLocalDate } from "./plan-dates";

/**
 * One tab per plan (a loop each), as links: each plan has its own address, so the tabs
 * work with the keyboard, the back button and without script.
 */
export function PlanTabs({
  tabs,
  current,
  canAdd,
}: {
  tabs: PlanTab[];
  current: string;
  canAdd: boolean;
}) {
  return (
    <nav className="plan-tabs" aria-label="Your plans">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.id}>
            <Link
              to={`/plan/${tab.id}`}
              className="plan-tabs__tab"
              aria-current={tab.id === current ? "page" : undefined}
            >
              {tab.loopName}
              <span className="plan-tabs__date">onsite {formatLocalDate(tab.onsiteDate)}</span>
            </Link>
          </li>
        ))}
        {canAdd ? (
          <li>
            <Link
              to="/plan/new"
              className="plan-tabs__tab plan-tabs__tab--add"
              aria-current={current === "new" ? "page" : undefined}
            >
              + Plan another loop
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
