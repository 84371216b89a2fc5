import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReadinessStatus } from "~/modules/feedback/readiness";
import type { PlanOffer } from "~/modules/plan/plan-page.server";
import type { PlanRoundView } from "~/modules/plan/plan-view";
import { formatDateTime, formatRange } from "~/utils/datetime";
import { formatLocalDate } from "./plan-dates";

const GATE_LABELS: Record<ReadinessStatus, string> = {
  ready: "Gate passed",
  close: "Close to the gate",
  not_yet: "Below the gate",
  no_evidence: "No evidence yet",
};

/** "2 × Coding" on the onsite day; a screen is one sitting. */
export function roundLabel(round: Pick<PlanRoundView, "name" | "count">): string {
  return round.count > 1 ? `${round.count} × ${round.name}` : round.name;
}

/** One round of the plan: its gate, its mocks and why, what is booked, and the next time to book. */
export function PlanRoundCard({
  round,
  offer,
  loopSlug,
  levelCode,
  readyAt,
  timeZone,
  bookError,
  hasPhoneScreen,
}: {
  round: PlanRoundView;
  offer: PlanOffer | undefined;
  /** The plan's loop: a request posted from here is for it, not the profile's loop. */
  loopSlug: string;
  levelCode: string;
  readyAt: number;
  timeZone: string;
  bookError: string | null;
  /** Screen rounds are due before the phone screen only when there is one. */
  hasPhoneScreen: boolean;
}) {
  const navigation = useNavigation();
  const busyKey = navigation.state !== "idle" ? navigation.formData?.get("idempotencyKey") : null;
  const gate = round.gate;
  const proposal = offer?.proposal ?? null;
  const headingId = `round-${round.slug}-heading`;
  return (
    <li
      className="plan-round"
      id={`round-${round.slug}`}
      data-round={round.slug}
      data-gate={gate.passed ? "passed" : "closed"}
      aria-labelledby={headingId}
    >
      <div className="plan-round__head">
        <h3 id={headingId}>
          {roundLabel(round)}
          {round.count > 1 ? (
            <span className="visually-hidden">: {round.count} rounds on the onsite day</span>
          ) : null}
        </h3>
        <span className={`pill pill--readiness-${gate.status}`}>{GATE_LABELS[gate.status]}</span>
      </div>
      <p className="plan-round__gate">
        {gate.passed ? (
          <strong>
            Past its gate at {levelCode}
            {gate.percent !== null ? ` (${gate.percent}%)` : ""}: keep it warm, no need to drill it.
          </strong>
        ) : gate.percent !== null ? (
          <>
            Readiness at {levelCode}: <strong>{gate.percent}%</strong>; the gate is {readyAt}% with
            recent hire calls.
          </>
        ) : (
          <>
            No scorecard at {levelCode} or above yet: the gate is {readyAt}% with recent hire calls.
          </>
        )}
      </p>
      {gate.percent !== null ? (
        <meter min={0} max={100} low={45} high={readyAt} optimum={100} value={gate.percent}>
          {gate.percent}%
        </meter>
      ) : null}
      <p className="plan-round__mocks">
        <strong>
          {round.wanted} {round.wanted === 1 ? "mock" : "mocks"}
        </strong>{" "}
        by {formatLocalDate(round.dueBy)}
        {round.stage === "screen" && hasPhoneScreen ? " (before the phone screen)" : ""}
        {round.booked > 0 ? ` · ${round.booked} booked` : ""}
        {round.toBook.length > 0
          ? ` · ${round.toBook.length} to book (${round.toBook
              .map((m) => `week of ${formatLocalDate(m.week)}`)
              .join(", ")})`
          : ""}
      </p>
      <ul className="plain-list plan-round__why">
        {round.why.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {round.sessions.length > 0 ? (
        <ul className="plain-list plan-round__sessions">
          {round.sessions.map((s) => (
            <li key={s.id}>
              <span className={s.state === "held" ? "pill pill--completed" : "pill"}>
                {s.state === "held" ? "Held" : "Booked"}
              </span>{" "}
              <Link to={`/sessions/${s.id}`}>{formatDateTime(new Date(s.startsAt), timeZone)}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {bookError ? (
        <p className="form-error" role="alert" data-testid="booking-error">
          {bookError}
        </p>
      ) : null}
      {round.toBook.length === 0 ? null : proposal && offer ? (
        <div className="proposal plan-round__offer">
          <div>
            <strong>
              {formatRange(new Date(proposal.start), new Date(proposal.end), timeZone)}
            </strong>
            <p className="hint">
              with {proposal.peerName}
              {proposal.peerLevel ? ` (${proposal.peerLevel})` : ""} ·{" "}
              {offer.format === "swap"
                ? "swap, free"
                : `one-way, ${offer.price} ${offer.price === 1 ? "credit" : "credits"}`}
            </p>
          </div>
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="book" />
            <input type="hidden" name="round" value={round.slug} />
            <input type="hidden" name="format" value={offer.format ?? ""} />
            <input type="hidden" name="peerId" value={proposal.peerId} />
            <input type="hidden" name="start" value={proposal.start} />
            <input type="hidden" name="idempotencyKey" value={proposal.idempotencyKey} />
            <input type="hidden" name="price" value={offer.price} />
            <button
              type="submit"
              className="button"
              disabled={busyKey !== null && busyKey !== undefined}
              aria-label={`Book ${round.name} on ${formatDateTime(new Date(proposal.start), timeZone)}`}
            >
              {busyKey === proposal.idempotencyKey ? "Booking…" : "Book"}
            </button>
          </Form>
        </div>
      ) : (
        <p className="hint">
          No peer is free for it in the next two weeks yet.{" "}
          <Link
            to={`/book?${new URLSearchParams({ loop: loopSlug, round: round.slug, level: levelCode })}`}
          >
            Post a request
          </Link>{" "}
          and you are paired as soon as someone is.
        </p>
      )}
    </li>
  );
}
