import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { StoryForm } from "~/components/story-form";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { requireUser } from "~/modules/identity/auth.server";
import type { ValueCoverage } from "~/modules/stories/coverage";
import { loadStoryBank } from "~/modules/stories/coverage.server";
import {
  STAR_PART_HINTS,
  STAR_PART_LABELS,
  STAR_PARTS,
  STORY_BANK_MAX,
} from "~/modules/stories/limits";
import { createStory, STORY_ERROR_MESSAGES } from "~/modules/stories/stories.server";
import { storySchema } from "~/modules/stories/story-form";
import { loopsWithValues } from "~/modules/stories/values.server";
import { formatDateTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Story bank · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const loop = new URL(request.url).searchParams.get("loop");
  const bank = await loadStoryBank(user.id, loop);
  return {
    ...bank,
    stories: bank.stories.map((s) => ({
      id: s.id,
      title: s.title,
      valueIds: s.valueIds,
      updatedAt: s.updatedAt.toISOString(),
    })),
    timeZone: user.timeZone,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "save") throw new Response("Unknown action", { status: 400 });
  const loops = await loopsWithValues();
  const schema = storySchema(loops.flatMap((l) => l.values.map((v) => v.dimensionId)));
  const submission = parseForm(formData, schema);
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const outcome = await createStory(user.id, submission.value);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: [STORY_ERROR_MESSAGES[outcome.error]] }) },
      { status: outcome.error === "full" ? 409 : 400 },
    );
  }
  throw redirect(`/stories?saved=1#story-${outcome.id}`);
}

export default function StoriesPage() {
  const { stories, loops, loop, coverage, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const valueNames = new Map(loops.flatMap((l) => l.values.map((v) => [v.dimensionId, v.name])));
  const full = stories.length >= STORY_BANK_MAX;

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Story bank</h1>
        <p>
          Your STAR stories, tagged with the values they show. Only you can read them; in a
          behavioral mock you can share their titles with your interviewer.
        </p>
      </div>
      {searchParams.get("saved") === "1" ? (
        <p className="notice" role="status">
          Story saved.
        </p>
      ) : null}
      {searchParams.get("deleted") === "1" ? (
        <p className="notice" role="status">
          Story deleted.
        </p>
      ) : null}

      {loop ? (
        <section className="card stack" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">Coverage of {loop.name}'s values</h2>
          {loops.length > 1 ? (
            <Form method="get" className="field-row">
              <div className="field">
                <label htmlFor="coverage-loop">Loop</label>
                <select id="coverage-loop" name="loop" defaultValue={loop.slug}>
                  {loops.map((l) => (
                    <option key={l.slug} value={l.slug}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-actions">
                <button type="submit" className="button button--secondary">
                  Show
                </button>
              </div>
            </Form>
          ) : null}
          <p className="hint">
            Scores come from revealed scorecards where your interviewer tied the score to one of
            your shared stories. A value is covered once a story for it scored 3 or 4.
          </p>
          <ul className="coverage-list">
            {coverage.map((value) => (
              <CoverageRow key={value.dimensionId} value={value} />
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="stories-heading">
        <h2 id="stories-heading">
          Your stories{" "}
          <span className="hint">
            ({stories.length} of {STORY_BANK_MAX})
          </span>
        </h2>
        {stories.length === 0 ? (
          <EmptyState title="No stories yet">
            <p>
              Behavioral interviewers score what you did, told as a story. STAR keeps a story short
              and complete:
            </p>
            <dl className="star-steps">
              {STAR_PARTS.map((part) => (
                <div key={part}>
                  <dt>{STAR_PART_LABELS[part]}</dt>
                  <dd>{STAR_PART_HINTS[part]}</dd>
                </div>
              ))}
            </dl>
            <p>
              Write four to six stories that together show every value below, then share their
              titles in your next behavioral mock.
            </p>
          </EmptyState>
        ) : (
          <ul className="plain-list story-list">
            {stories.map((story) => (
              <li key={story.id} id={`story-${story.id}`} className="card">
                <h3>
                  <Link to={`/stories/${story.id}`}>{story.title}</Link>
                </h3>
                <p>
                  {story.valueIds.map((id) => (
                    <span key={id} className="pill">
                      {valueNames.get(id) ?? "A value of another loop"}
                    </span>
                  ))}
                </p>
                <p className="hint">Edited {formatDateTime(new Date(story.updatedAt), timeZone)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="write-heading">
        <h2 id="write-heading">Write a story</h2>
        {full ? (
          <p className="notice notice--warning">
            Your bank holds {STORY_BANK_MAX} stories, the most it can. Rework or delete one to add
            another.
          </p>
        ) : loops.length === 0 ? (
          <p className="hint">No loop has values to tag stories with yet.</p>
        ) : (
          <StoryForm
            // A new, empty form once a story is saved (the page itself stays mounted).
            key={stories[0]?.id ?? "first"}
            id="new-story"
            loops={loops}
            lastResult={actionData?.result}
            submitLabel="Save story"
          />
        )}
      </section>
    </div>
  );
}

const STATE_LABELS: Record<ValueCoverage["state"], string> = {
  missing: "No story",
  untold: "Not told yet",
  weak: "Weak",
  strong: "Covered",
};

function CoverageRow({ value }: { value: ValueCoverage }) {
  return (
    <li className="coverage-row" data-state={value.state}>
      <h3>
        {value.name}{" "}
        <span className={`pill pill--coverage-${value.state}`}>{STATE_LABELS[value.state]}</span>
      </h3>
      {value.callout ? <p className="coverage-callout">{value.callout}</p> : null}
      {value.stories.length > 0 ? (
        <ul className="plain-list">
          {value.stories.map((story) => (
            <li key={story.id}>
              <Link to={`/stories/${story.id}`}>{story.title}</Link>{" "}
              {story.scores.length === 0 ? (
                <span className="hint">never told</span>
              ) : (
                <span>
                  told {story.scores.length}×, scores{" "}
                  {story.scores.map((score, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: scores repeat; their order is fixed
                    <span key={i} className="score-badge" data-score={score}>
                      {score}/4
                    </span>
                  ))}
                </span>
              )}
              {story.tagged ? null : <span className="hint"> (told for it, not tagged)</span>}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
