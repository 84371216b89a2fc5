import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorList, Field, FormError, SubmitButton } from "~/components/forms";
import { TimeZoneInput } from "~/components/time-zone-input";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { QUALIFICATION_RULES } from "~/modules/credits/qualification";
import { describeInterviewerStanding } from "~/modules/credits/qualification.server";
import { requireUser } from "~/modules/identity/auth.server";
import { LANGUAGES, makeProfileSchema } from "~/modules/identity/profile";
import { getProfile, getProfileOptions, saveProfile } from "~/modules/identity/profile.server";
import { listTimeZones } from "~/modules/identity/time-zone";
import { getShareFlaggedAreas, setShareFlaggedAreas } from "~/modules/sessions/kit.server";
import { roundKind } from "~/modules/sessions/pad-setup";

export const meta: MetaFunction = () => [{ title: "Profile · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, options, standing, shareFlaggedAreas] = await Promise.all([
    getProfile(user.id),
    getProfileOptions(),
    describeInterviewerStanding(user.id, user.timeZone),
    getShareFlaggedAreas(user.id),
  ]);
  if (!profile) throw new Response("Not found", { status: 404 });
  return { profile, options, standing, shareFlaggedAreas, zones: listTimeZones() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "share-flagged-areas") {
    const share = formData.get("share");
    if (share !== "on" && share !== "off") {
      return data({ sharing: "invalid" as const }, { status: 400 });
    }
    await setShareFlaggedAreas(user.id, share === "on");
    return { sharing: "saved" as const };
  }
  const options = await getProfileOptions();
  const submission = parseForm(formData, makeProfileSchema(options));
  if (submission.status !== "success") {
    return data({ result: submission.reply(), saved: false }, { status: 400 });
  }
  await saveProfile(user.id, submission.value);
  return { result: submission.reply(), saved: true };
}

export default function Profile() {
  const { profile, options, standing, zones, shareFlaggedAreas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const schema = useMemo(() => makeProfileSchema(options), [options]);
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      ...profile,
      targetLoop: profile.targetLoop ?? options.loops[0]?.slug,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  const selectedLoop =
    options.loops.find((l) => l.slug === fields.targetLoop.value) ?? options.loops[0];
  const offeredLevel = (round: string) =>
    profile.interviewRounds.find((r) => r.round === round)?.maxLevel ?? "";
  const roundErrors = (index: number) => [
    ...(form.allErrors[`interviewRounds[${index}].round`] ?? []),
    ...(form.allErrors[`interviewRounds[${index}].maxLevel`] ?? []),
  ];
  // An unknown language is reported on its item ("languages[1]"); show it with the group.
  const languageErrors = Object.entries(form.allErrors)
    .filter(([name]) => name === "languages" || name.startsWith("languages["))
    .flatMap(([, errors]) => errors);
  const welcome = searchParams.get("welcome") === "1";

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Your profile</h1>
        <p>
          {welcome
            ? "Welcome to Peerloop! Tell us what you are preparing for, so we can match you well."
            : "What you are preparing for, and what you can interview others for."}
        </p>
      </div>
      {actionData && "saved" in actionData && actionData.saved ? (
        <p className="notice" role="status">
          Profile saved.
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <fieldset>
          <legend>About you</legend>
          <div className="field-row">
            <Field label="Name" meta={fields.name}>
              <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" />
            </Field>
            <Field
              label="Time zone"
              meta={fields.timeZone}
              hint="An IANA zone, like America/New_York."
            >
              <TimeZoneInput {...getInputProps(fields.timeZone, { type: "text" })} zones={zones} />
            </Field>
          </div>
          <p className="hint">
            Signed in as <strong>{profile.email}</strong>.
          </p>
        </fieldset>

        <fieldset>
          <legend>Your target</legend>
          <div className="field-row">
            <Field label="Target loop" meta={fields.targetLoop}>
              <select {...getSelectProps(fields.targetLoop)}>
                {options.loops.map((loop) => (
                  <option key={loop.slug} value={loop.slug}>
                    {loop.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Track" meta={fields.targetTrack}>
              <select {...getSelectProps(fields.targetTrack)}>
                <option value="">Choose a track</option>
                {selectedLoop?.tracks.map((track) => (
                  <option key={track.slug} value={track.slug}>
                    {track.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="field-row">
            <Field label="Current level" meta={fields.currentLevel}>
              <select {...getSelectProps(fields.currentLevel)}>
                <option value="">Not set</option>
                {selectedLoop?.levels.map((level) => (
                  <option key={level.code} value={level.code}>
                    {level.code} · {level.title}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Target level"
              meta={fields.targetLevel}
              hint="Mocks are graded against this level's bar."
            >
              <select {...getSelectProps(fields.targetLevel)}>
                <option value="">Choose a level</option>
                {selectedLoop?.levels.map((level) => (
                  <option key={level.code} value={level.code}>
                    {level.code} · {level.title}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>

        <fieldset aria-describedby={fields.languages.errorId}>
          <legend>Languages you code in</legend>
          <div className="checkbox-grid">
            {getCollectionProps(fields.languages, {
              type: "checkbox",
              options: LANGUAGES.map((l) => l.code),
            }).map((props) => (
              <label key={props.key} className="checkbox">
                <input {...props} key={props.key} />
                {LANGUAGES.find((l) => l.code === props.value)?.label}
              </label>
            ))}
          </div>
          <ErrorList id={fields.languages.errorId} errors={languageErrors} />
        </fieldset>

        <fieldset aria-describedby="interview-rounds-hint">
          <legend>Rounds you will interview others for</legend>
          <p className="hint" id="interview-rounds-hint">
            What you offer for one-way mocks (swaps are open to everyone without it). An offer only
            takes effect where you are qualified, up to the lower of the two levels: see “What you
            can interview one-way” below. Interviewing one-way earns credits.
          </p>
          <table className="round-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">I will interview candidates targeting</th>
              </tr>
            </thead>
            <tbody>
              {selectedLoop?.rounds.map((round, index) => (
                <tr key={round.slug}>
                  <th scope="row">
                    <label htmlFor={`round-${round.slug}`}>{round.name}</label>
                    <input
                      type="hidden"
                      name={`interviewRounds[${index}].round`}
                      value={round.slug}
                    />
                  </th>
                  <td>
                    <select
                      id={`round-${round.slug}`}
                      name={`interviewRounds[${index}].maxLevel`}
                      defaultValue={offeredLevel(round.slug)}
                      aria-invalid={roundErrors(index).length > 0 || undefined}
                    >
                      <option value="">Not interviewing</option>
                      {selectedLoop.levels.map((level) => (
                        <option key={level.code} value={level.code}>
                          up to {level.code}
                        </option>
                      ))}
                    </select>
                    <ErrorList errors={roundErrors(index)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>

        <div className="form-actions">
          <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
        </div>
      </Form>
      {/* Only loops with a hiring-manager round have mocks that revisit weak spots. */}
      {selectedLoop?.rounds.some((r) => roundKind(r.slug) === "hiring_manager") ? (
        <FlaggedAreasSharing share={shareFlaggedAreas} />
      ) : null}
      <OneWayStanding standing={standing} />
    </div>
  );
}

/** Whether a hiring-manager mock's interviewer may see what earlier scorecards flagged. */
function FlaggedAreasSharing({ share }: { share: boolean }) {
  return (
    <section className="card stack" aria-labelledby="sharing-heading" id="sharing">
      <h2 id="sharing-heading">Hiring-manager rounds: revisit weak spots</h2>
      <p>
        A real hiring manager returns to the areas earlier interviewers were unsure about. If you
        allow it, the interviewer of your hiring-manager mocks sees the lowest-scored areas of your
        revealed scorecards (the area, its score, the round and the date) and can probe them. They
        never see what your earlier interviewers wrote.
      </p>
      <p className="hint" data-testid="sharing-state">
        {share ? "You share your flagged areas." : "Off: nothing is shared (the default)."}
      </p>
      <Form method="post" className="form-actions">
        <input type="hidden" name="intent" value="share-flagged-areas" />
        <input type="hidden" name="share" value={share ? "off" : "on"} />
        <SubmitButton pendingLabel="Saving…" className="button button--secondary">
          {share ? "Stop sharing flagged areas" : "Share flagged areas with hiring-manager mocks"}
        </SubmitButton>
      </Form>
    </section>
  );
}

/** What the person may interview one-way, per round, and why (read-only). */
function OneWayStanding({
  standing,
}: {
  standing: Awaited<ReturnType<typeof describeInterviewerStanding>>;
}) {
  return (
    <section className="card stack" aria-labelledby="one-way-heading" id="one-way">
      <h2 id="one-way-heading">What you can interview one-way</h2>
      {standing.paused ? (
        <p className="notice notice--warning" role="status">
          {standing.paused}
        </p>
      ) : null}
      {standing.rounds.length === 0 ? (
        <p>Choose a target loop above to see the rounds you can interview.</p>
      ) : (
        <table className="round-table">
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Matched up to</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {standing.rounds.map((round) => (
              <tr key={round.roundSlug} data-round={round.roundSlug}>
                <th scope="row">{round.roundName}</th>
                <td>{round.upTo ?? "—"}</td>
                <td>
                  {round.qualification}
                  {round.effect ? <span className="hint"> {round.effect}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>How qualification works</summary>
        <ul className="rules-list">
          {QUALIFICATION_RULES.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
