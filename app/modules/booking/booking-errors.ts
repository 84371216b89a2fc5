import { MAX_OPEN_REQUESTS } from "./policy";

// Domain error codes of booking, and what people are told.

export type BookingErrorCode =
  | "slot_taken"
  | "request_closed"
  | "not_found"
  | "not_cancellable"
  | "too_late_to_reschedule"
  | "format_not_allowed"
  | "idempotency_conflict"
  | "too_many_requests"
  | "same_time"
  | "insufficient_credits"
  | "price_changed";

export const BOOKING_ERROR_MESSAGES: Record<BookingErrorCode, string> = {
  slot_taken: "That time was just taken. Here are fresh proposals.",
  request_closed: "This request is no longer open: it was booked or cancelled.",
  not_found: "That session or request does not exist.",
  not_cancellable: "This session can no longer be cancelled: it has started or ended.",
  too_late_to_reschedule:
    "Sessions can be moved until 24 hours before the start. You can still cancel it.",
  format_not_allowed: "This round is not offered in that format at that level.",
  idempotency_conflict: "This booking link was already used. Reload the page and try again.",
  too_many_requests: `You already have ${MAX_OPEN_REQUESTS} open requests, the most at once. Book or cancel one of them first.`,
  same_time: "That is the session's current time. Pick another one.",
  insufficient_credits:
    "Not enough credits for this one-way mock. Buy more credits, or book a swap: swaps are free.",
  price_changed:
    "The price of this mock changed since the page was shown. Check the new price and book again.",
};

export class BookingConflict extends Error {
  constructor(readonly code: BookingErrorCode) {
    super(code);
    this.name = "BookingConflict";
  }
}
