import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

type SwitchReply = { switched?: boolean; error?: string };

/** One fetcher for the switch, shared by the dialog and the page that outlives it. */
const SWITCH_FETCHER = "switch-roles";

/**
 * Runs `onSwitched` once the server has switched (to tell the peer's page at once).
 * Lives in the page: the dialog is gone by then, its half being over.
 */
export function useOnRolesSwitched(onSwitched: () => void) {
  const fetcher = useFetcher<SwitchReply>({ key: SWITCH_FETCHER });
  const told = useRef<SwitchReply | null>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.switched || told.current === fetcher.data)
      return;
    told.current = fetcher.data;
    onSwitched();
  }, [fetcher.state, fetcher.data, onSwitched]);
}

/**
 * The first half's interviewer ends the half: a button, then a modal confirmation (the
 * native dialog: focus moves into it, Escape closes it, the rest of the page is inert).
 */
export function SwitchRoles({ peerName }: { peerName: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fetcher = useFetcher<SwitchReply>({ key: SWITCH_FETCHER });
  const busy = fetcher.state !== "idle";

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
