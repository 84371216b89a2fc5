import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";
import { getProfile } from "~/modules/identity/profile.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  return {
    name: user.name,
    timeZone: user.timeZone,
    checklist: {
      target: Boolean(profile?.targetLoop && profile.targetLevel),
      languages: (profile?.languages.length ?? 0) > 0,
      interviewing: profile?.interviewRounds.some((r) => r.maxLevel) ?? false,
    },
  };
}

export default function Dashboard() {
  const { name, timeZone, checklist } = useLoaderData<typeof loader>();
  const firstName = name.split(" ")[0];
  return (
    <div className="stack">
      <div className="page-header">
        <h1>{`Welcome, ${firstName}`}</h1>
        <p>
          Times are shown in <strong>{timeZone}</strong>. <Link to="/profile">Change it</Link>
        </p>
      </div>
      <section className="card" aria-labelledby="setup-heading">
        <h2 id="setup-heading">Get ready to practise</h2>
        <ul className="checklist">
          <li data-done={checklist.target}>
            <Link to="/profile">Set your target loop, track and level</Link>
          </li>
          <li data-done={checklist.languages}>
            <Link to="/profile">Pick the languages you code in</Link>
          </li>
          <li data-done={checklist.interviewing}>
            <Link to="/profile">Offer the rounds you can interview others for</Link>
          </li>
        </ul>
      </section>
      <div className="grid">
        <EmptyState title="No upcoming sessions">
          <p>Booked mocks appear here with both local times and a Join button.</p>
        </EmptyState>
        <EmptyState title="No open requests">
          <p>Requests for a round you want to practise wait here until a peer is matched.</p>
        </EmptyState>
        <EmptyState title="No feedback to write">
          <p>After a mock you ran, its scorecard waits here for you.</p>
        </EmptyState>
      </div>
    </div>
  );
}
