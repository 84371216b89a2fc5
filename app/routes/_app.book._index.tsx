import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { EmptyState } from "~/components/empty-state";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { getAvailability } from "~/modules/availability/availability.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { HORIZON_CHOICES, mockRequestSchema } from "~/modules/booking/request-form";
import { cancelRequest, createRequest, listOpenRequests } from "~/modules/booking/requests.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { requireUser } from "~/modules/identity/auth.server";
import { getProfile } from "~/modules/identity/profile.server";
import { allowedFormats, FORMAT_LABELS } from "~/modules/matching/formats";
import { formatDateTime } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Book a mock · Peerloop" }];

/**
 * The loop to book in: the one asked for (a plan of another loop links here with
 * `?loop=`), else the profile's target loop, else the first. `unknown` when a loop was
 * asked for by a name that does not exist.
 */
async function loadTarget(userId: string, askedLoop?: string | null) {
  const [profile, catalogs] = await Promise.all([getProfile(userId), getLoopCatalogs()]);
  const asked = askedLoop ? catalogs.find((l) => l.slug === askedLoop) : undefined;
  const usual = catalogs.find((l) => l.slug === profile?.targetLoop) ?? catalogs[0];
  const loop = asked ?? usual;
  const isProfileLoop = loop?.slug === usual?.slug;
  return { profile, loop, isProfileLoop, unknown: Boolean(askedLoop) && !asked };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const [{ profile, loop, isProfileLoop }, open, availability] = await Promise.all([
    loadTarget(user.id, url.searchParams.get("loop")),
    listOpenRequests(user.id),
    getAvailability(user.id),
  ]);
  return {
    timeZone: user.timeZone,
    hasAvailability:
      availability.rules.length > 0 || availability.overrides.some((o) => o.kind === "extra"),
    loop: loop
      ? {
          slug: loop.slug,
          name: loop.name,
          isProfileLoop,
          levels: loop.levels.map((l) => ({ code: l.code, rank: l.rank, title: l.title })),
          rounds: loop.rounds.map((r) => ({
            slug: r.slug,
            name: r.name,
            durationMinutes: r.durationMinutes,
            allowsSwap: r.allowsSwap,
            oneWayFromRank: r.oneWayFromRank,
          })),
        }
      : null,
    defaults: {
      // Without a choice: the first round of the onsite day, and the loop's second rung
      // (one step above entry, where most people practise). Every loop names its own.
      round:
        url.searchParams.get("round") ??
        (loop?.rounds.find((r) => r.stage === "onsite") ?? loop?.rounds[0])?.slug ??
        "",
      level:
        url.searchParams.get("level") ??
        (isProfileLoop ? profile?.targetLevel : undefined) ??
        (loop?.levels[1] ?? loop?.levels[0])?.code ??
        "",
      format: url.searchParams.get("format") ?? "swap",
      horizonDays: "14",
    },
    open: open.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "cancel-request") {
    const requestId = parseUuid(formData.get("requestId"));
    if (!requestId || !(await cancelRequest(user.id, requestId))) {
      throw new Response("Not found", { status: 404 });
    }
    return { result: null, message: "Request cancelled." };
  }
  const submission = parseForm(formData, mockRequestSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply(), message: null }, { status: 400 });
  }
  const { loop, unknown } = await loadTarget(user.id, String(formData.get("loop") ?? ""));
  if (!loop) throw new Response("No loop", { status: 500 });
  if (unknown) {
    return data(
      {
        result: submission.reply({ formErrors: ["That interview loop does not exist."] }),
        message: null,
      },
      { status: 400 },
    );
  }
  const created = await createRequest(user.id, {
    loopSlug: loop.slug,
    roundSlug: submission.value.round,
    levelCode: submission.value.level,
    format: submission.value.format,
    horizonDays: submission.value.horizonDays,
  });
  if (!created.ok) {
    if (created.error === "too_many_requests") {
      // Not a problem with any one field: the person has to close a request first.
      return data(
        {
          result: submission.reply({ formErrors: [BOOKING_ERROR_MESSAGES.too_many_requests] }),
          message: null,
        },
        { status: 409 },
      );
    }
    const field = created.error === "format_not_allowed" ? "format" : "round";
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            [field]: [
              created.error === "not_found"
                ? "Choose a round and level of your target loop."
                : BOOKING_ERROR_MESSAGES[created.error],
            ],
          },
        }),
        message: null,
      },
      { status: 400 },
    );
  }
  throw redirect(`/book/${created.requestId}`);
}

export default function Book() {
  const { loop, defaults, open, timeZone, hasAvailability } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "mock-request",
    lastResult: actionData?.result ?? undefined,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mockRequestSchema }),
  });
  const [round, setRound] = useState(defaults.round);
  const [level, setLevel] = useState(defaults.level);
  const formats = useMemo(() => {
    const r = loop?.rounds.find((x) => x.slug === round);
    const rank = loop?.levels.find((l) => l.code === level)?.rank ?? 0;
    return r ? allowedFormats(r, rank) : (["swap", "one_way"] as const);
  }, [loop, round, level]);

  if (!loop) {
    return <EmptyState title="No interview loop yet">No loop is installed.</EmptyState>;
  }
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Book a mock</h1>
        <p>
          Pick the round you want to practise and the level you are aiming at; we find peers and
          times.
        </p>
      </div>
      {actionData?.message ? (
        <p className="notice" role="status">
          {actionData.message}
        </p>
      ) : null}
      {!hasAvailability ? (
        <p className="notice notice--info">
          You have not set your availability yet, so there are no times to propose.{" "}
          <Link to="/availability">Set your weekly hours</Link> first.
        </p>
      ) : null}
      <section className="card">
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          <input type="hidden" name="loop" value={loop.slug} />
          {loop.isProfileLoop ? null : (
            <p className="hint">
              Booking in <strong>{loop.name}</strong> (your profile targets another loop).
            </p>
          )}
          <div className="field-row">
            <Field label="Round" meta={fields.round}>
              <select {...getSelectProps(fields.round)} onChange={(e) => setRound(e.target.value)}>
                {loop.rounds.map((r) => (
                  <option key={r.slug} value={r.slug}>
                    {r.name} ({r.durationMinutes} min)
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Target level" meta={fields.level}>
              <select {...getSelectProps(fields.level)} onChange={(e) => setLevel(e.target.value)}>
                {loop.levels.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.code} · {l.title}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Look ahead" meta={fields.horizonDays}>
              <select {...getSelectProps(fields.horizonDays)}>
                {HORIZON_CHOICES.map((days) => (
                  <option key={days} value={days}>
                    {days} days
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <fieldset>
            <legend>Format</legend>
            {(["swap", "one_way"] as const).map((format) => {
              const allowed = formats.includes(format);
              return (
                <label key={format} className="checkbox">
                  <input
                    type="radio"
                    name={fields.format.name}
                    value={format}
                    defaultChecked={defaults.format === format}
                    disabled={!allowed}
                  />
                  {FORMAT_LABELS[format]}
                  {!allowed ? (
                    <span className="hint"> (not offered for this round at this level)</span>
                  ) : null}
                </label>
              );
            })}
            {fields.format.errors ? (
              <p className="error-text">{fields.format.errors.join(" ")}</p>
            ) : null}
          </fieldset>
          <div className="form-actions">
            <SubmitButton pendingLabel="Finding peers…">Find peers and times</SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="open-heading" className="stack">
        <h2 id="open-heading">Your open requests</h2>
        {open.length === 0 ? (
          <p className="hint">
            None. A request stays open for its horizon, so matching peers can be proposed and, if
            you allowed it, booked automatically.
          </p>
        ) : (
          <ul className="plain-list">
            {open.map((r) => (
              <li key={r.id} className="card list-row">
                <span>
                  <strong>{r.roundName}</strong> at {r.levelCode} ·{" "}
                  {r.format === "swap" ? "swap" : "one-way"} · open until{" "}
                  {formatDateTime(new Date(r.expiresAt), timeZone)}
                </span>
                <span className="form-actions">
                  <Link to={`/book/${r.id}`} className="button button--secondary button--small">
                    See times
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel-request" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className="button button--link">
                      Cancel request
                    </button>
                  </Form>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
