import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { StoryForm } from "~/components/story-form";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { requireUser } from "~/modules/identity/auth.server";
import {
  deleteStory,
  getStory,
  STORY_ERROR_MESSAGES,
  updateStory,
} from "~/modules/stories/stories.server";
import { storySchema } from "~/modules/stories/story-form";
import { loopsWithValues } from "~/modules/stories/values.server";
import { formatDateTime } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Story · Peerloop" }];

const notFound = () => new Response("Not found", { status: 404 });

/** The signed-in owner and the story id; anyone else's story is a 404 like a missing one. */
async function requireOwnStory(request: Request, storyId: string | undefined) {
  const user = await requireUser(request);
  const id = parseUuid(storyId);
  if (!id) throw notFound();
  return { user, id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, id } = await requireOwnStory(request, params.storyId);
  const [story, loops] = await Promise.all([getStory(id, user.id), loopsWithValues()]);
  if (!story) throw notFound();
  return {
    story: {
      ...story,
      createdAt: story.createdAt.toISOString(),
      updatedAt: story.updatedAt.toISOString(),
    },
    loops,
    timeZone: user.timeZone,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, id } = await requireOwnStory(request, params.storyId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "delete") {
    if (!(await deleteStory(id, user.id))) throw notFound();
    throw redirect("/stories?deleted=1");
  }
  if (intent !== "save") throw new Response("Unknown action", { status: 400 });
  const loops = await loopsWithValues();
  const submission = parseForm(
    formData,
    storySchema(loops.flatMap((l) => l.values.map((v) => v.dimensionId))),
  );
  if (submission.status !== "success") {
    // Validation first would tell a stranger nothing, but a 404 is the answer for them.
    if (!(await getStory(id, user.id))) throw notFound();
    return data({ result: submission.reply() }, { status: 400 });
  }
  const outcome = await updateStory(id, user.id, submission.value);
  if (!outcome.ok) {
    if (outcome.error === "not_found") throw notFound();
    return data(
      { result: submission.reply({ formErrors: [STORY_ERROR_MESSAGES[outcome.error]] }) },
      { status: 400 },
    );
  }
  throw redirect(`/stories?saved=1#story-${id}`);
}

export default function StoryPage() {
  const { story, loops, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const confirming = searchParams.get("confirm") === "delete";
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/stories">Story bank</Link>
        </p>
        <h1>{story.title}</h1>
        <p className="hint">
          Written {formatDateTime(new Date(story.createdAt), timeZone)} · edited{" "}
          {formatDateTime(new Date(story.updatedAt), timeZone)}
        </p>
      </div>
      <section className="card">
        <StoryForm
          id="edit-story"
          loops={loops}
          lastResult={actionData?.result}
          defaultValue={story}
          submitLabel="Save changes"
        />
      </section>
      <section className="card stack" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <p className="hint">
          Scores an interviewer tied to this story stay in your feedback, without the link.
        </p>
        {confirming ? (
          <Form method="post" className="confirm-panel">
            <p>Delete “{story.title}” for good?</p>
            <input type="hidden" name="intent" value="delete" />
            <div className="form-actions">
              <SubmitButton pendingLabel="Deleting…" className="button button--danger">
                Yes, delete it
              </SubmitButton>
              <Link to="." replace className="button button--link">
                Keep it
              </Link>
            </div>
          </Form>
        ) : (
          <div className="form-actions">
            <Link to="?confirm=delete" replace className="button button--secondary">
              Delete this story…
            </Link>
          </div>
        )}
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
