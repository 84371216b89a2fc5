import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { BookingError } from "~/components/booking-error";
import { EmptyState } from "~/components/empty-state";
import { Field, FormError } from "~/components/forms";
import { LoopTargetFields } from "~/components/loop-target-fields";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { requireUser } from "~/modules/identity/auth.server";
import { bookOnsite } from "~/modules/onsite/book-onsite.server";
import { ONSITE_HORIZON_DAYS } from "~/modules/onsite/onsite-day";
import { onsiteRefusalMessage } from "~/modules/onsite/onsite-errors";
import {
  bookOnsiteSchema,
  onsiteSearchSchema,
  searchParamsRecord,
} from "~/modules/onsite/onsite-form";
import { daySchedule } from "~/modules/onsite/onsite-schedule";
import {
  findOnsiteDays,
  listOnsites,
  type OnsiteSummary,
  resolveTarget,
  searchHorizon,
  targetChoices,
} from "~/modules/onsite/onsites.server";
import { formatDateTime, formatRange, formatTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Mock onsite · Peerloop" }];

const HORIZONS = [7, 14, ONSITE_HORIZON_DAYS] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const url = new URL(request.url);
  const asked = searchParamsRecord(url.searchParams);
  const searching = Object.keys(asked).length > 0;
  const formData = new FormData();
  for (const [name, value] of Object.entries(asked)) formData.append(name, value);
  const submission = parseForm(formData, onsiteSearchSchema);
  const [mine, catalogs] = await Promise.all([listOnsites(user.id, now), getLoopCatalogs()]);
  const base = {
    timeZone: user.timeZone,
    balance: user.credits,
    choices: targetChoices(catalogs),
    mine,
  };
  if (submission.status !== "success") {
    return data(
      { ...base, search: null, result: submission.reply(), days: null, horizon: 0 },
      { status: 400 },
    );
  }
  const resolved = await resolveTarget(user.id, submission.value);
  if (!resolved.ok) {
    return data(
      {
        ...base,
        search: null,
        result: submission.reply({ fieldErrors: { [resolved.field]: [resolved.message] } }),
        days: null,
        horizon: 0,
      },
      { status: 400 },
    );
  }
  const { target } = resolved;
  const horizon = searchHorizon(submission.value, user.timeZone, now);
  const days = searching ? await findOnsiteDays(user.id, target, horizon, now) : null;
  return {
    ...base,
    search: {
      loop: target.loop.slug,
      track: target.track.slug,
      level: target.level.code,
      levelTitle: target.level.title,
      trackName: target.track.name,
      before: submission.value.before ?? "",
      horizonDays: String(submission.value.horizonDays ?? ONSITE_HORIZON_DAYS),
      rounds: target.sittings.map((s) => s.roundName),
    },
    result: null,
    days,
    horizon,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await readForm(request), bookOnsiteSchema);
  if (submission.status !== "success") {
    return data(
      {
        error: "That day is not valid any more. Here are fresh days to choose from.",
        code: "invalid",
      },
      { status: 400 },
    );
  }
  const v = submission.value;
  const result = await bookOnsite({
    userId: user.id,
    loopSlug: v.loop,
    trackSlug: v.track,
    levelCode: v.level,
    date: v.date,
    idempotencyKey: v.idempotencyKey,
    sittings: v.sittings.map((s) => ({
      roundSlug: s.round,
      peerId: s.peerId,
      start: s.start,
      expectedPrice: s.price,
    })),
  });
  if (result.ok) throw redirect(`/onsite/${result.onsiteId}?booked=1`);
  const status = result.error === "not_found" ? 404 : 409;
  return data(
    {
      error: onsiteRefusalMessage(result),
      code: result.error === "day_insufficient_credits" ? "insufficient_credits" : result.error,
    },
    { status },
  );
}

export default function MockOnsite() {
  const { timeZone, balance, choices, mine, search, result, days, horizon } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Mock onsite</h1>
        <p>
          Rehearse the whole onsite day: every round of your loop on one day, each with a different
          qualified interviewer, booked together or not at all. Times are in your zone ({timeZone}
          ).
        </p>
      </div>
      {actionData?.error ? (
        <div className="stack">
          <BookingError message={actionData.error} code={actionData.code} />
          <p className="hint">The days below were searched again just now.</p>
        </div>
      ) : null}
      <SearchForm choices={choices} search={search} result={result} />
      {days ? (
        <ProposedDays
          days={days}
          timeZone={timeZone}
          balance={balance}
          horizon={horizon}
          search={search!}
        />
      ) : null}
      <OnsiteList title="Upcoming onsites" items={mine.upcoming} timeZone={timeZone} empty />
      {mine.past.length > 0 ? (
        <OnsiteList title="Past onsites" items={mine.past} timeZone={timeZone} />
      ) : null}
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function SearchForm({
  choices,
  search,
  result,
}: Pick<LoaderData, "choices" | "search" | "result">) {
  const [form, fields] = useForm({
    id: "onsite-search",
    lastResult: result ?? undefined,
    defaultValue: search ?? undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: onsiteSearchSchema }),
  });
  const [loopSlug, setLoopSlug] = useState(search?.loop ?? choices.loops[0]?.slug);
  const loop = choices.loops.find((l) => l.slug === loopSlug) ?? choices.loops[0];
  if (!loop) {
    return <EmptyState title="No interview loop yet">No loop is installed.</EmptyState>;
  }
  return (
    <section className="card" aria-labelledby="find-heading">
      <h2 id="find-heading">Find a day</h2>
      <Form method="get" className="form" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <LoopTargetFields
          loops={choices.loops}
          loop={loop}
          fields={fields}
          onLoopChange={setLoopSlug}
        />
        <div className="field-row">
          <Field label="Look ahead" meta={fields.horizonDays}>
            <select {...getSelectProps(fields.horizonDays)}>
              {HORIZONS.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Before (optional)"
            meta={fields.before}
            hint="Your real onsite's date: the mock is found before it."
          >
            <input {...getInputProps(fields.before, { type: "date" })} />
          </Field>
        </div>
        {search ? (
          <p className="hint">
            At {search.level}, the {search.trackName} onsite sits {search.rounds.length} rounds:{" "}
            {search.rounds.join(", ")}.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button">
            Find days
          </button>
        </div>
      </Form>
    </section>
  );
}

function ProposedDays({
  days,
  timeZone,
  balance,
  horizon,
  search,
}: {
  days: NonNullable<LoaderData["days"]>;
  timeZone: string;
  balance: number;
  horizon: number;
  search: NonNullable<LoaderData["search"]>;
}) {
  const navigation = useNavigation();
  const busyKey = navigation.state !== "idle" ? navigation.formData?.get("idempotencyKey") : null;
  if (days.length === 0) {
    return (
      <EmptyState
        title="No day fits yet"
        action={
          <Link className="button button--secondary" to="/availability">
            Widen your availability
          </Link>
        }
      >
        <p>
          {horizon === 0
            ? "There is no day left before the date you gave."
            : `No day in the next ${horizon} ${horizon === 1 ? "day" : "days"} has a different qualified interviewer free for each round while you are free for the whole block.`}{" "}
          More hours in your week, or a later date, give the search more to work with.
        </p>
      </EmptyState>
    );
  }
  return (
    <section className="stack" aria-labelledby="days-heading">
      <h2 id="days-heading">Proposed days</h2>
      <p className="hint">
        You have {balance} {balance === 1 ? "credit" : "credits"}. Each round is a one-way mock: its
        credits are held when you book and go to the interviewer once they have scored you.
      </p>
      <ol className="plain-list stack">
        {days.map((day) => {
          const busy = busyKey === day.idempotencyKey;
          const headingId = `day-${day.idempotencyKey}`;
          return (
            <li key={day.idempotencyKey} className="card stack" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {formatRange(new Date(day.start), new Date(day.end), timeZone)}
              </h3>
              <table className="round-table">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Round</th>
                    <th scope="col">Interviewer</th>
                    <th scope="col">Credits</th>
                  </tr>
                </thead>
                <tbody>
                  {daySchedule(day.rounds).map((row) =>
                    row.kind === "break" ? (
                      <tr key={`break-${row.start}`} className="hint">
                        <td>{formatTime(new Date(row.start), timeZone)}</td>
                        <td colSpan={3}>
                          {row.minutes >= 30 ? "Lunch" : "Break"} · {row.minutes} min
                        </td>
                      </tr>
                    ) : (
                      <tr key={row.round.key}>
                        <td>
                          {formatTime(new Date(row.round.start), timeZone)}–
                          {formatTime(new Date(row.round.end), timeZone)}
                        </td>
                        <td>{row.round.roundName}</td>
                        <td>
                          {row.round.peerName}
                          {row.round.peerLevel ? (
                            <span className="hint"> ({row.round.peerLevel})</span>
                          ) : null}
                        </td>
                        <td>{row.round.price}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
              <p>
                Total: <strong data-testid="day-total">{day.price} credits</strong> · your balance:{" "}
                {balance}
              </p>
              {balance < day.price ? (
                <p className="notice notice--warning" role="status">
                  Your balance does not cover this day. <Link to="/credits">Buy credits</Link>{" "}
                  first.
                </p>
              ) : null}
              <Form method="post" className="form-actions">
                <input type="hidden" name="idempotencyKey" value={day.idempotencyKey} />
                <input type="hidden" name="loop" value={search.loop} />
                <input type="hidden" name="track" value={search.track} />
                <input type="hidden" name="level" value={search.level} />
                <input type="hidden" name="date" value={day.date} />
                {day.rounds.map((r, i) => (
                  <span key={r.key} hidden>
                    <input type="hidden" name={`sittings[${i}].round`} value={r.roundSlug} />
                    <input type="hidden" name={`sittings[${i}].peerId`} value={r.peerId} />
                    <input type="hidden" name={`sittings[${i}].start`} value={r.start} />
                    <input type="hidden" name={`sittings[${i}].price`} value={r.price} />
                  </span>
                ))}
                <button
                  type="submit"
                  className="button"
                  disabled={busy}
                  aria-describedby={headingId}
                >
                  {busy ? (
                    <>
                      <span className="spinner" aria-hidden="true" /> Booking the day…
                    </>
                  ) : (
                    "Book this day"
                  )}
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function OnsiteList({
  title,
  items,
  timeZone,
  empty = false,
}: {
  title: string;
  items: OnsiteSummary[];
  timeZone: string;
  empty?: boolean;
}) {
  const id = title.toLowerCase().replace(/\s+/g, "-");
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 && empty ? (
        <p className="hint">
          None yet. Find a day above: booking one books all of its rounds at once.
        </p>
      ) : (
        <ul className="plain-list stack">
          {items.map((o) => (
            <li key={o.id} className="card list-row">
              <span>
                <strong>{formatDateTime(new Date(o.startsAt), timeZone)}</strong> · {o.trackName} at{" "}
                {o.levelCode} · {o.rounds} rounds
                {o.cancelled > 0 ? ` (${o.cancelled} not held)` : ""}
              </span>
              <Link to={`/onsite/${o.id}`} className="button button--secondary button--small">
                Open the day
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
