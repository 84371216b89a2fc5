import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/forms";
import { PlanCalendar } from "~/components/plan-calendar";
import { formatLocalDate } from "~/components/plan-dates";
import { PlanForm } from "~/components/plan-form";
import { PlanRoundCard, roundLabel } from "~/components/plan-rounds";
import { PlanTabs } from "~/components/plan-tabs";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { localDateOf } from "~/modules/availability/zoned-time";
import { bookSuggestedMock } from "~/modules/booking/book-suggestion.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { bookProposalSchema } from "~/modules/booking/request-form";
import { READY_AT } from "~/modules/feedback/readiness";
import { requireUser } from "~/modules/identity/auth.server";
import { MAX_PLANS_PER_PERSON, makePlanSchema } from "~/modules/plan/plan-form";
import { describeProblem, PLAN_WRITE_MESSAGES } from "~/modules/plan/plan-messages";
import { loadPlanPage } from "~/modules/plan/plan-page.server";
import { deletePlan, getPlan, getPlanOptions, updatePlan } from "~/modules/plan/plans.server";
import planStyles from "~/styles/plan.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Plan: ${data.page.plan.loopName} · Peerloop` : "Plan · Peerloop" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStyles }];

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, options] = await Promise.all([
    loadPlanPage(user.id, params.planId ?? "", user.timeZone),
    getPlanOptions(),
  ]);
  if (!page) throw notFound();
  const { plan } = page;
  const onsite = new URLSearchParams({
    loop: plan.loopSlug,
    track: plan.trackSlug,
    level: plan.levelCode,
    before: plan.onsiteDate,
  });
  return {
    page,
    options,
    readyAt: READY_AT,
    timeZone: user.timeZone,
    mockOnsiteUrl: `/onsite?${onsite}`,
  };
}

// Loop and level come from the stored plan, never from the form.
const bookFromPlanSchema = bookProposalSchema.extend({
  round: z.string().trim().min(1).max(100),
  format: z.enum(["swap", "one_way"]),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = params.planId ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "delete") {
    if (!(await deletePlan({ id: planId, userId: user.id }))) throw notFound();
    throw redirect("/plan");
  }

  const plan = await getPlan({ id: planId, userId: user.id });
  if (!plan) throw notFound();

  if (intent === "book") {
    const submission = parseForm(formData, bookFromPlanSchema);
    if (submission.status !== "success") {
      return data(
        {
          bookError: "That time is not valid any more. Reload the plan for fresh times.",
          round: null,
        },
        { status: 400 },
      );
    }
    const v = submission.value;
    const result = await bookSuggestedMock(user.id, {
      loopSlug: plan.loopSlug,
      roundSlug: v.round,
      levelCode: plan.levelCode,
      format: v.format,
      peerId: v.peerId,
      start: v.start,
      idempotencyKey: v.idempotencyKey,
      expectedPrice: v.price,
    });
    if (result.ok) throw redirect(`/plan/${plan.id}?booked=${result.sessionId}#round-${v.round}`);
    return data(
      { bookError: BOOKING_ERROR_MESSAGES[result.error], round: v.round },
      { status: result.error === "not_found" ? 404 : 409 },
    );
  }

  if (intent === "update") {
    const today = localDateOf(user.timeZone, Date.now());
    const submission = parseForm(formData, makePlanSchema(await getPlanOptions(), today));
    if (submission.status !== "success") {
      return data({ result: submission.reply() }, { status: 400 });
    }
    const saved = await updatePlan({ id: plan.id, userId: user.id }, submission.value);
    if (saved.ok) throw redirect(`/plan/${plan.id}?saved=1`);
    if (saved.error === "too_many_plans") throw notFound();
    return data(
      { result: submission.reply({ fieldErrors: { loop: [PLAN_WRITE_MESSAGES[saved.error]] } }) },
      { status: saved.error === "loop_taken" ? 409 : 400 },
    );
  }
  return data({ bookError: "That action is not known here.", round: null }, { status: 400 });
}

export default function PlanPage() {
  const { page, options, readyAt, timeZone, mockOnsiteUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { plan, view, offers, tabs } = page;
  const roundNames = Object.fromEntries(view.rounds.map((r) => [r.slug, r.name]));
  const screens = view.rounds.filter((r) => r.stage === "screen");
  const onsiteRounds = view.rounds.filter((r) => r.stage === "onsite");
  const sittings = onsiteRounds.reduce((sum, r) => sum + r.count, 0);
  const editResult = actionData && "result" in actionData ? actionData.result : null;
  const bookError = actionData && "bookError" in actionData ? actionData : null;
  const justBooked = searchParams.get("booked");

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Plan</h1>
        <p>
          Your loops, laid out backwards from the onsite. Dates are your own days in{" "}
          <strong>{timeZone}</strong>.
        </p>
      </div>
      <PlanTabs tabs={tabs} current={plan.id} canAdd={tabs.length < MAX_PLANS_PER_PERSON} />

      <section className="card plan-summary" aria-labelledby="plan-heading">
        <div className="plan-summary__text">
          <h2 id="plan-heading">
            {plan.loopName}: {plan.trackName} at {plan.levelCode}
          </h2>
          <p>
            Onsite <strong data-testid="plan-onsite">{formatLocalDate(plan.onsiteDate)}</strong>
            {plan.phoneScreenDate ? (
              <>
                {" "}
                · phone screen <strong>{formatLocalDate(plan.phoneScreenDate)}</strong>
              </>
            ) : null}{" "}
            · {plan.hoursPerWeek} h a week · {plan.levelCode} is {plan.levelTitle}
          </p>
        </div>
        <Link to={mockOnsiteUrl} className="button plan-summary__onsite" data-testid="mock-onsite">
          Book a mock onsite
        </Link>
      </section>

      {justBooked ? (
        <p className="notice" role="status">
          Booked. It is on your plan below, and in your <Link to="/sessions">sessions</Link>.
        </p>
      ) : null}
      {searchParams.get("saved") === "1" ? (
        <p className="notice" role="status">
          Plan saved.
        </p>
      ) : null}
      {bookError && !view.rounds.some((r) => r.slug === bookError.round) ? (
        <p className="form-error" role="alert">
          {bookError.bookError}
        </p>
      ) : null}

      {view.problems.length > 0 ? (
        <section
          className="notice notice--warning plan-problems"
          aria-labelledby="problems-heading"
        >
          <h2 id="problems-heading">Check this plan</h2>
          <ul className="plain-list">
            {view.problems.map((p) => (
              <li key={p.kind} data-problem={p.kind}>
                {describeProblem(p)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">The loop at {plan.levelCode}</h2>
        <p data-testid="loop-shape">
          {screens.length > 0
            ? `First ${screens.length === 1 ? "a screen" : `${screens.length} screens`}: ${screens.map((r) => r.name).join(", ")}. `
            : ""}
          {sittings > 0
            ? `Then the onsite day, ${sittings} rounds: ${onsiteRounds.map(roundLabel).join(", ")}.`
            : "The catalog lays out no onsite day for this track at this level."}
        </p>
        <p className="hint">
          Rounds that read weakest in your feedback get more mocks, and earlier; the plan follows
          your scorecards as they arrive.
        </p>
        <ol className="plan-rounds">
          {view.rounds.map((round) => (
            <PlanRoundCard
              key={round.slug}
              round={round}
              offer={offers.find((o) => o.roundSlug === round.slug)}
              loopSlug={plan.loopSlug}
              levelCode={plan.levelCode}
              readyAt={readyAt}
              timeZone={timeZone}
              bookError={bookError?.round === round.slug ? bookError.bookError : null}
              hasPhoneScreen={plan.phoneScreenDate !== null}
            />
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Week by week</h2>
        {view.calendar.length === 0 ? (
          <p className="hint">Nothing to lay out: the onsite date has passed.</p>
        ) : (
          <PlanCalendar weeks={view.calendar} roundNames={roundNames} timeZone={timeZone} />
        )}
      </section>

      <section className="card" aria-labelledby="edit-heading">
        <h2 id="edit-heading">Change this plan</h2>
        <details open={editResult !== null}>
          <summary>Dates, level and hours</summary>
          <PlanForm
            id="plan-edit"
            intent="update"
            options={options}
            today={plan.today}
            defaultValue={{
              loop: plan.loopSlug,
              track: plan.trackSlug,
              level: plan.levelCode,
              onsiteDate: plan.onsiteDate,
              phoneScreenDate: plan.phoneScreenDate ?? undefined,
              hoursPerWeek: String(plan.hoursPerWeek),
            }}
            lastResult={editResult}
            submitLabel="Save the plan"
          />
        </details>
        <Form
          method="post"
          className="form-actions"
          onSubmit={(event) => {
            if (
              !window.confirm(`Delete your plan for ${plan.loopName}? Booked mocks stay booked.`)
            ) {
              event.preventDefault();
            }
          }}
        >
          <input type="hidden" name="intent" value="delete" />
          <SubmitButton className="button button--danger" pendingLabel="Deleting…">
            Delete this plan
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
