import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";
import { listPlanTabs } from "~/modules/plan/plan-page.server";

export const meta: MetaFunction = () => [{ title: "Plan · Peerloop" }];

/** The first plan, or what the planner does for someone who has none yet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [first] = await listPlanTabs(user.id);
  if (first) throw redirect(`/plan/${first.id}`);
  return null;
}

export default function PlanIndex() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Plan</h1>
        <p>Your interview loops, laid out backwards from the onsite.</p>
      </div>
      <EmptyState
        title="No plan yet"
        action={
          <Link to="/plan/new" className="button">
            Plan a loop
          </Link>
        }
      >
        <p>
          Tell the planner which loop you are preparing for, the level you are aiming at, the date
          of your onsite (and of your phone screen, if you know it) and the hours a week you have.
        </p>
        <ul className="plain-list">
          <li>It lists the rounds your loop holds at that level, with how many of each.</li>
          <li>
            It plans how many mocks of each round you need and by when, more and earlier for the
            rounds your feedback says are weakest, and tells you why.
          </li>
          <li>
            Each round has a readiness gate; the plan follows your feedback as it arrives and says
            when a round is past its gate.
          </li>
          <li>You book each planned mock from the plan in one step, and see them week by week.</li>
        </ul>
        <p className="hint">Preparing for several loops at once? Make a plan for each.</p>
      </EmptyState>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
