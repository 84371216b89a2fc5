import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SessionCard, UpcomingSessions } from "~/components/session-card";
import { readForm } from "~/http/read-form.server";
import { feedUrl, getFeedToken, rotateFeedToken } from "~/modules/booking/calendar-feed.server";
import { sessionCardsFor } from "~/modules/booking/session-cards.server";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Sessions · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const [cards, token] = await Promise.all([sessionCardsFor(user.id, now), getFeedToken(user.id)]);
  return { ...cards, timeZone: user.timeZone, now: now.getTime(), feedUrl: feedUrl(token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "rotate-feed")
    throw new Response("Unknown action", { status: 400 });
  await rotateFeedToken(user.id);
  return { message: "A new calendar link was created; the old one no longer works." };
}

export default function Sessions() {
  const { upcoming, past, timeZone, now, feedUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Sessions</h1>
        <p>Times are in your zone ({timeZone}) and your peer's.</p>
        <p>
          Rehearsing the full day? <Link to="/onsite">Book a mock onsite</Link>: every round of your
          loop on one day.
        </p>
      </div>
      <UpcomingSessions heading="Upcoming" sessions={upcoming} timeZone={timeZone} now={now} />
      <section aria-labelledby="past-heading" className="stack">
        <h2 id="past-heading">Past and cancelled</h2>
        {past.length === 0 ? (
          <p className="hint">Nothing yet.</p>
        ) : (
          past.map((s) => <SessionCard key={s.id} session={s} timeZone={timeZone} now={now} />)
        )}
      </section>
      <section className="card" aria-labelledby="feed-heading">
        <h2 id="feed-heading">Calendar feed</h2>
        <p className="hint">
          Subscribe to this private link in Google Calendar, Outlook or Apple Calendar to see every
          session. Anyone with the link can read your schedule: make a new one if it leaks.
        </p>
        {actionData?.message ? (
          <p className="notice" role="status">
            {actionData.message}
          </p>
        ) : null}
        <label htmlFor="feed-url" className="label">
          Your calendar link
        </label>
        <input
          id="feed-url"
          type="text"
          readOnly
          value={feedUrl}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Form method="post" className="form-actions">
          <input type="hidden" name="intent" value="rotate-feed" />
          <button type="submit" className="button button--secondary">
            Create a new link
          </button>
        </Form>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
