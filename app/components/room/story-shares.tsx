import { Link, useFetcher } from "@remix-run/react";
import type { MySharesView } from "~/modules/stories/shares.server";

/**
 * The candidate's choice of story TITLES to show the interviewer: checkboxes and one
 * button, so it works from the keyboard. The text of a story never leaves its owner.
 */
export function StoryShares({ shares }: { shares: MySharesView }) {
  const fetcher = useFetcher<{ shared?: number; error?: string }>();
  const busy = fetcher.state !== "idle";
  return (
    <section
      className="card stack"
      aria-labelledby="story-shares-heading"
      data-testid="story-shares"
    >
      <h2 id="story-shares-heading">Your stories for this mock</h2>
      {shares.stories.length === 0 ? (
        <p className="hint">
          Your story bank is empty. <Link to="/stories">Write a story</Link> and share its title
          here, so your interviewer can probe the values it does not cover.
        </p>
      ) : (
        <fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value="share-stories" />
          <fieldset disabled={!shares.editable} aria-describedby="story-shares-hint">
            <legend>Share titles with your interviewer</legend>
            <p className="hint" id="story-shares-hint">
              Only the titles and their values are shown, never the story itself. Up to {shares.max}
              .
            </p>
            <ul className="plain-list">
              {shares.stories.map((story) => (
                <li key={story.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      name="stories"
                      value={story.id}
                      defaultChecked={story.shared}
                    />
                    {story.title}
                    {story.values.length > 0 ? (
                      <span className="hint"> · {story.values.join(", ")}</span>
                    ) : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {shares.editable ? (
            <div className="form-actions">
              <button type="submit" className="button button--secondary" disabled={busy}>
                {busy ? "Sharing…" : "Share these titles"}
              </button>
            </div>
          ) : (
            <p className="hint">The session is over: what you shared stays as it was.</p>
          )}
          <p
            role="status"
            aria-live="polite"
            className={fetcher.data?.error ? "form-error" : "hint"}
          >
            {fetcher.data?.error ??
              (fetcher.data?.shared !== undefined && !busy
                ? `Shared ${fetcher.data.shared} title${fetcher.data.shared === 1 ? "" : "s"}.`
                : "")}
          </p>
        </fetcher.Form>
      )}
    </section>
  );
}
