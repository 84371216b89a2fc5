import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { toOneLine } from "~/utils/text";

// iCalendar documents for invites (METHOD:REQUEST / CANCEL) and for the private feed.
// The UID is stable per session; SEQUENCE rises with every change, so calendars
// update the event in place instead of adding a second one.

export interface CalendarEventInput {
  sessionId: string;
  sequence: number;
  start: Date;
  end: Date;
  title: string;
  description: string;
  url?: string;
  cancelled: boolean;
  attendees: { name: string; email: string }[];
}

export const ORGANIZER = { name: "Peerloop", email: "no-reply@peerloop.dev" };

function sessionUid(sessionId: string): string {
  return `session-${sessionId}@peerloop.dev`;
}

function addEvent(
  calendar: ReturnType<typeof ical>,
  input: CalendarEventInput,
  withPeople: boolean,
) {
  const event = calendar.createEvent({
    id: sessionUid(input.sessionId),
    sequence: input.sequence,
    start: input.start,
    end: input.end,
    summary: toOneLine(input.title),
    description: input.description,
    url: input.url ?? null,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    timezone: null,
  });
  if (withPeople) {
    event.organizer(ORGANIZER);
    for (const attendee of input.attendees) {
      event.createAttendee({ ...attendee, name: toOneLine(attendee.name) });
    }
  }
  return event;
}

/** An invite (or its cancellation) to attach to an email. */
export function buildInvite(input: CalendarEventInput): string {
  const calendar = ical({
    prodId: { company: "Peerloop", product: "peerloop", language: "EN" },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(calendar, input, true);
  return calendar.toString();
}

/** A subscribable feed of one person's sessions. */
export function buildFeed(name: string, events: CalendarEventInput[]): string {
  const calendar = ical({
    prodId: { company: "Peerloop", product: "peerloop", language: "EN" },
    // ical-generator escapes event text but writes the calendar's name as given.
    name: toOneLine(name),
    ttl: 15 * 60,
  });
  for (const event of events) addEvent(calendar, event, false);
  return calendar.toString();
}
