import { formatRating, hasHistory, type PersonRecord } from "~/modules/feedback/record";
import { EmptyState } from "./empty-state";

function Row({ label, value }: { label: string; value: string }) {
  return (
    <li className="list-row">
      <span>{label}</span>
      <strong>{value}</strong>
    </li>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A person's reliability and ratings, e.g. "Your record" on the progress page. */
export function PersonRecordCard({
  record,
  title = "Your record",
}: {
  record: PersonRecord;
  title?: string;
}) {
  if (!hasHistory(record)) {
    return (
      <EmptyState title={title}>
        <p>
          No sessions yet. After your first mock, sessions held, no-shows, late cancellations and
          your partners' ratings show here.
        </p>
      </EmptyState>
    );
  }
  const { ratings } = record;
  return (
    <section className="card stack" aria-label={title}>
      <h2>{title}</h2>
      <ul className="plain-list" aria-label="Attendance">
        <Row label="Sessions held" value={String(record.held)} />
        <Row label="No-shows" value={String(record.noShows)} />
        <Row label="Late cancellations" value={String(record.lateCancels)} />
        {record.reliability !== null ? (
          <Row label="Reliability" value={percent(record.reliability)} />
        ) : null}
      </ul>
      {ratings ? (
        <>
          <h3>
            Ratings{" "}
            <span className="hint">
              {ratings.count} {ratings.count === 1 ? "rating" : "ratings"} from partners
            </span>
          </h3>
          <ul className="plain-list" aria-label="Ratings">
            <Row label="Preparation" value={`${formatRating(ratings.preparation)}/5`} />
            <Row label="Helpfulness" value={`${formatRating(ratings.helpfulness)}/5`} />
            <Row label="Clarity" value={`${formatRating(ratings.clarity)}/5`} />
            <Row label="Would practise again" value={percent(ratings.wouldPractiseAgainShare)} />
          </ul>
        </>
      ) : (
        // Ratings wait for the double-blind reveal, so a fresh session shows nothing yet.
        <p className="hint">No ratings yet: they appear once a session's feedback is revealed.</p>
      )}
    </section>
  );
}
