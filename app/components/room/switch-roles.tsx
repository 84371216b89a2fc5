import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * The first half's interviewer ends the half: a button, then a modal confirmation (the
 * native dialog: focus moves into it, Escape closes it, the rest of the page is inert).
 * `onSwitched` runs once the server has switched, to tell the peer's page at once.
 */
export function SwitchRoles({
  peerName,
  onSwitched,
}: {
  peerName: string;
  onSwitched: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fetcher = useFetcher<{ switched?: boolean; error?: string }>();
  const announced = useRef(false);
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.switched && !announced.current) {
      announced.current = true;
      dialog.current?.close();
      onSwitched();
    }
  }, [fetcher.state, fetcher.data, onSwitched]);

  return (
    <section className="card stack" aria-labelledby="switch-heading">
      <h2 id="switch-heading">Half time</h2>
      <p className="hint">
        When your half is done, switch: {peerName} interviews you with a new question, and the
        second half's clock starts.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => dialog.current?.showModal()}
      >
        Switch roles…
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="switch-dialog-title"
        aria-describedby="switch-dialog-text"
      >
        <fetcher.Form method="post" className="stack">
          <h2 id="switch-dialog-title">Switch roles now?</h2>
          <p id="switch-dialog-text">
            Your half ends here. {peerName} becomes the interviewer and gets the kit with a new
            question; you cannot switch back.
          </p>
          {fetcher.data?.error ? (
            <p className="form-error" role="alert">
              {fetcher.data.error}
            </p>
          ) : null}
          <input type="hidden" name="intent" value="switch-roles" />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Switching…" : "Yes, switch roles"}
            </button>
            <button
              type="button"
              className="button button--link"
              onClick={() => dialog.current?.close()}
            >
              Not yet
            </button>
          </div>
        </fetcher.Form>
      </dialog>
    </section>
  );
}
