import { BOOKING_ERROR_MESSAGES, type BookingErrorCode } from "~/modules/booking/booking-errors";

// What a refused mock onsite is told. A day is refused whole: either a rule of the day
// (its sittings, its peers, its date, the balance for all of it) or one sitting that a
// single booking would have refused, named with its round.

export type OnsiteDayErrorCode =
  | "wrong_sittings"
  | "same_peer_twice"
  | "not_one_day"
  | "sittings_overlap"
  | "day_insufficient_credits"
  | "busy";

export type OnsiteErrorCode = OnsiteDayErrorCode | BookingErrorCode;

export const ONSITE_DAY_MESSAGES: Record<OnsiteDayErrorCode, string> = {
  wrong_sittings:
    "That day does not hold the rounds of your onsite at this level. Search again for fresh days.",
  same_peer_twice: "Each round of an onsite needs a different interviewer.",
  not_one_day: "Every round of an onsite has to fall on the same day in your time zone.",
  sittings_overlap: "Two rounds of that day overlap.",
  day_insufficient_credits:
    "Your balance does not cover the whole day. Buy credits, or pick a day with fewer paid rounds.",
  busy: "Many bookings were being made at once and yours could not finish. Try again in a moment.",
};

/** A refusal of the day, or of one of its sittings (then with its position and round). */
export interface OnsiteRefusal {
  error: OnsiteErrorCode;
  sitting?: { position: number; roundName: string };
}

export function onsiteRefusalMessage(refusal: OnsiteRefusal): string {
  const { error, sitting } = refusal;
  if (error === "not_found" && !sitting) {
    return "That loop, track or level does not exist. Search again for fresh days.";
  }
  const base =
    error in ONSITE_DAY_MESSAGES
      ? ONSITE_DAY_MESSAGES[error as OnsiteDayErrorCode]
      : BOOKING_ERROR_MESSAGES[error as BookingErrorCode];
  if (!sitting) return base;
  const why =
    error === "slot_taken"
      ? "that time is no longer free for you or the interviewer"
      : error === "price_changed"
        ? "its price changed since the page was shown"
        : error === "insufficient_credits"
          ? "your balance ran out before it"
          : base.replace(/\.$/, "").toLowerCase();
  return `Round ${sitting.position} (${sitting.roundName}) could not be booked: ${why}. Nothing of the day was booked.`;
}
