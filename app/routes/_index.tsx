import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getSessionUser } from "~/modules/identity/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  return null;
}

export default function Landing() {
  return (
    <main className="page">
      <section className="hero">
        <p className="eyebrow">Peerloop</p>
        <h1>Rehearse the whole interview loop with peers.</h1>
        <p>
          Pick the round you are preparing for and the level you are aiming at. Peerloop pairs you
          with someone who is preparing too, or who has sat on the other side of the table, and
          hosts the mock: video, a shared code pad, and a scorecard written for that round.
        </p>
        <div className="form-actions">
          <Link to="/signup" className="button">
            Create an account
          </Link>
          <Link to="/login" className="button button--secondary">
            Log in
          </Link>
        </div>
      </section>
      <section className="grid" aria-label="What you can do">
        <div className="card">
          <h2>Book peer mocks</h2>
          <p>Swap interviews with a peer at your level, or book a qualified interviewer.</p>
        </div>
        <div className="card">
          <h2>Practise live</h2>
          <p>Video, a collaborative code pad and a timer that keeps the round honest.</p>
        </div>
        <div className="card">
          <h2>Review feedback</h2>
          <p>Round-specific scorecards, judged against your target level, with next steps.</p>
        </div>
      </section>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
