import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { padSeedUpdate, seedPad } from "~/modules/sessions/pad-seed";
import { padSetupFor, roundKind } from "~/modules/sessions/pad-setup";
import {
  padDocumentName,
  sessionIdFromDocumentName,
  signRealtimeToken,
  verifyRealtimeToken,
} from "~/modules/sessions/realtime-token";
import {
  currentPhase,
  describeLiveStatus,
  halfClock,
  liveStatus,
  phasesFor,
  pickQuestion,
  rolesForHalf,
  SEAT_COLORS,
  seatColor,
  statusLagsClock,
  statusWord,
  switchRefusal,
} from "~/modules/sessions/roles";

const SECRET = "s".repeat(40);
const SID = "0b7c6a36-0e0f-4c57-9a0f-3d1c2b5e8f10";

describe("realtime tokens", () => {
  const claims = {
    sub: "user-1",
    sid: SID,
    name: "Ada",
    color: "#000",
    ro: false,
    exp: 2_000_000_000,
  };

  it("round-trips and checks expiry", () => {
    const token = signRealtimeToken(claims, SECRET);
    expect(verifyRealtimeToken(token, SECRET, 1_000)).toEqual({ ok: true, claims });
    expect(verifyRealtimeToken(token, SECRET, 2_000_000_000_000)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses tampering, other secrets and garbage", () => {
    const token = signRealtimeToken(claims, SECRET);
    const [payload, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sid: "other" })).toString("base64url")}.${signature}`;
    expect(verifyRealtimeToken(forged, SECRET, 0).ok).toBe(false);
    expect(verifyRealtimeToken(token, "o".repeat(40), 0)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    for (const junk of [undefined, 42, "", "abc", `${payload}`, `${token}.x`, "x".repeat(5000)]) {
      expect(verifyRealtimeToken(junk, SECRET, 0).ok).toBe(false);
    }
  });

  it("names documents after sessions and nothing else", () => {
    expect(sessionIdFromDocumentName(padDocumentName(SID))).toBe(SID);
    expect(sessionIdFromDocumentName("session:not-a-uuid")).toBeNull();
    expect(sessionIdFromDocumentName(`other:${SID}`)).toBeNull();
  });
});

const SWAP = {
  format: "swap" as const,
  bookedBy: "a",
  participants: [
    { userId: "a", role: "swap" as const },
    { userId: "b", role: "swap" as const },
  ],
};

describe("roles per half", () => {
  const swap = SWAP;
  const oneWay = {
    format: "one_way" as const,
    bookedBy: "cand",
    participants: [
      { userId: "cand", role: "candidate" as const },
      { userId: "intv", role: "interviewer" as const },
    ],
  };

  it("keeps one-way roles and has no second half", () => {
    expect(rolesForHalf(oneWay, 1)).toEqual({ interviewerId: "intv", candidateId: "cand" });
    expect(rolesForHalf(oneWay, 2)).toBeNull();
  });

  it("interviews the booker first in a swap, then switches", () => {
    expect(rolesForHalf(swap, 1)).toEqual({ interviewerId: "b", candidateId: "a" });
    expect(rolesForHalf(swap, 2)).toEqual({ interviewerId: "a", candidateId: "b" });
  });
});

describe("timer phases", () => {
  it("fill the round exactly, in order", () => {
    for (const minutes of [30, 45, 60]) {
      const phases = phasesFor(minutes);
      expect(phases[0]!.startMinute).toBe(0);
      expect(phases.at(-1)!.endMinute).toBe(minutes);
      for (let i = 1; i < phases.length; i++)
        expect(phases[i]!.startMinute).toBe(phases[i - 1]!.endMinute);
    }
    const phases = phasesFor(60);
    expect(currentPhase(phases, 0)?.name).toBe("Introductions");
    expect(currentPhase(phases, 30)?.name).toBe("The question");
    expect(currentPhase(phases, 59.9)?.name).toBe("Wrap-up");
    expect(currentPhase(phases, 60)).toBeNull();
    // A behavioral round's main part is about stories, not code.
    const behavioral = currentPhase(phasesFor(45, "behavioral"), 20);
    expect(behavioral?.name).toBe("The stories");
    expect(behavioral?.cue).toContain("situation, task, your actions, the result");
  });
});

describe("pickQuestion", () => {
  const bank = [
    { id: 1, minLevelRank: 3, maxLevelRank: 5 },
    { id: 2, minLevelRank: 5, maxLevelRank: 7 },
    { id: 3, minLevelRank: 3, maxLevelRank: 7 },
  ];

  it("never picks a question the candidate has seen", () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(pickQuestion(bank, 5, new Set([1, 3]), new Map(), seed)?.id).toBe(2);
    }
    expect(pickQuestion(bank, 5, new Set([1, 2, 3]), new Map(), 0)).toBeNull();
  });

  it("prefers the level range, then the least used", () => {
    expect(pickQuestion(bank, 7, new Set(), new Map([[2, 5]]), 0)?.id).toBe(3);
    expect(pickQuestion(bank, 3, new Set([3]), new Map(), 0)?.id).toBe(1);
    // Out of range questions are a fallback when nothing in range is left.
    expect(pickQuestion(bank, 3, new Set([1, 3]), new Map(), 0)?.id).toBe(2);
  });
});

const MIN = 60_000;
const START = new Date("2026-03-10T15:00:00Z");
const at = (minutes: number) => new Date(START.getTime() + minutes * MIN);

describe("switching roles", () => {
  const swap = {
    ...SWAP,
    startsAt: START,
    endsAt: at(120),
    currentHalf: 1,
    status: "in_progress",
  };

  it("is the first half's interviewer's alone, while the session runs", () => {
    expect(switchRefusal(swap, "b", at(30))).toBeNull();
    expect(switchRefusal(swap, "a", at(30))).toBe("not_interviewer");
    expect(switchRefusal(swap, "stranger", at(30))).toBe("not_interviewer");
    expect(switchRefusal({ ...swap, currentHalf: 2 }, "b", at(30))).toBe("already_switched");
    expect(switchRefusal(swap, "b", at(-5))).toBe("not_live");
    expect(switchRefusal(swap, "b", at(120))).toBe("not_live");
    expect(switchRefusal({ ...swap, status: "no_show" }, "b", at(30))).toBe("not_live");
    expect(switchRefusal({ ...swap, format: "one_way" }, "b", at(30))).toBe("not_swap");
  });

  it("times the second half from the switch, never past the end", () => {
    const session = { format: "swap" as const, startsAt: START, endsAt: at(120) };
    expect(halfClock({ ...session, halfTwoStartedAt: null }, 1, 60)).toEqual({
      startsAt: START,
      endsAt: at(60),
    });
    expect(halfClock({ ...session, halfTwoStartedAt: at(40) }, 2, 60)).toEqual({
      startsAt: at(40),
      endsAt: at(100),
    });
    expect(halfClock({ ...session, halfTwoStartedAt: at(75) }, 2, 60)).toEqual({
      startsAt: at(75),
      endsAt: at(120),
    });
    // Switched before the time was recorded: the midpoint.
    expect(halfClock({ ...session, halfTwoStartedAt: null }, 2, 60).startsAt).toEqual(at(60));
    expect(
      halfClock(
        { format: "one_way", startsAt: START, endsAt: at(60), halfTwoStartedAt: null },
        1,
        60,
      ),
    ).toEqual({ startsAt: START, endsAt: at(60) });
  });
});

describe("live status", () => {
  const session = { status: "in_progress", startsAt: START, endsAt: at(60) };

  it("follows the clock, not only the stored status", () => {
    expect(describeLiveStatus(liveStatus(session, at(37)))).toBe("Live · 23 min left");
    expect(describeLiveStatus(liveStatus(session, at(59.5)))).toBe("Live · 1 min left");
    expect(describeLiveStatus(liveStatus(session, at(60)))).toBe("Ended");
    expect(describeLiveStatus(liveStatus({ ...session, status: "scheduled" }, at(-5)))).toBe(
      "Starts in 5 min",
    );
    expect(describeLiveStatus(liveStatus({ ...session, status: "scheduled" }, at(-600)))).toBe(
      "Scheduled",
    );
    expect(describeLiveStatus(liveStatus({ ...session, status: "completed" }, at(30)))).toBe(
      "Ended",
    );
    expect(describeLiveStatus(liveStatus({ ...session, status: "no_show" }, at(30)))).toBe(
      "No-show",
    );
    expect(describeLiveStatus(liveStatus({ ...session, status: "cancelled" }, at(-60)))).toBe(
      "Cancelled",
    );
  });

  it("words the status line in step with the badge", () => {
    expect(statusWord(liveStatus({ ...session, status: "scheduled" }, at(-600)))).toBe("scheduled");
    expect(statusWord(liveStatus(session, at(10)))).toBe("in progress");
    // Stored as in progress, but the time is up: the line says so, like the badge.
    expect(statusWord(liveStatus(session, at(61)))).toBe("ended");
    expect(statusWord(liveStatus({ ...session, status: "cancelled" }, at(10)))).toBe("cancelled");
  });

  it("says when the stored status lags the clock", () => {
    expect(statusLagsClock({ ...session, status: "scheduled" }, at(-1))).toBe(false);
    expect(statusLagsClock({ ...session, status: "scheduled" }, at(0))).toBe(true);
    expect(statusLagsClock(session, at(59))).toBe(false);
    expect(statusLagsClock(session, at(60))).toBe(true);
    expect(statusLagsClock({ ...session, status: "completed" }, at(90))).toBe(false);
  });
});

describe("presence colours", () => {
  it("differ for the two seats, even for ids whose hash colours collide", () => {
    // These two ids got the same colour from the old hash of the id (now removed).
    const a = "f8e0869e-9be5-434c-942e-b76e2bcd31b2";
    const b = "b3565b7f-1e33-4ff5-9e2b-e04bb5e71ac7";
    for (const bookedBy of [a, b]) {
      const session = { bookedBy };
      expect(seatColor(session, a)).not.toBe(seatColor(session, b));
      expect(new Set([seatColor(session, a), seatColor(session, b)])).toEqual(new Set(SEAT_COLORS));
    }
  });
});

describe("the pad per round", () => {
  it("opens coding rounds in Python, every other round of the loop in plain text with notes", () => {
    const coding = databricksLoop.rounds.filter((r) => roundKind(r.slug) === "coding");
    expect(coding.map((r) => r.slug).sort()).toEqual(["coding", "phone-screen"]);
    for (const round of databricksLoop.rounds) {
      const setup = padSetupFor(round.slug);
      if (setup.kind === "coding") {
        expect(setup).toMatchObject({ language: "python", template: null });
      } else {
        expect(setup.language, round.slug).toBe("text");
        expect(setup.template, round.slug).toBeTruthy();
      }
    }
    const behavioral = padSetupFor("behavioral").template!;
    for (const part of ["Situation:", "Task:", "Action:", "Result:"]) {
      expect(behavioral).toContain(part);
    }
    expect(padSetupFor("system-design").template).toContain("Requirements");
    expect(padSetupFor("hiring-manager").template).toContain("Career arc");
  });

  it("seeds the template once, even when two people seed an empty pad at the same moment", () => {
    const setup = padSetupFor("behavioral");
    const first = new Y.Doc();
    const second = new Y.Doc();
    expect(seedPad(first, setup)).toBe(true);
    expect(seedPad(second, setup)).toBe(true);
    // Each has typed a little before hearing from the other.
    first.getText("code").insert(first.getText("code").length, "\nfirst note");
    second.getText("code").insert(0, "second note\n");
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const text = first.getText("code").toString();
    expect(text).toBe(second.getText("code").toString());
    expect(text.split("Behavioral round notes")).toHaveLength(2);
    expect(text).toContain("first note");
    expect(text).toContain("second note");
    expect(first.getMap("meta").get("language")).toBe("text");
  });

  it("never seeds a pad that has content or a language, and re-seeding changes nothing", () => {
    const setup = padSetupFor("behavioral");
    const typed = new Y.Doc();
    typed.getText("code").insert(0, "print(1)");
    expect(seedPad(typed, setup)).toBe(false);
    expect(typed.getText("code").toString()).toBe("print(1)");

    const seeded = new Y.Doc();
    seedPad(seeded, setup);
    const text = seeded.getText("code");
    text.delete(0, text.length);
    text.insert(0, "my own notes");
    // A late browser applying the same seed (it had not heard of the edits yet).
    Y.applyUpdate(seeded, padSeedUpdate(setup)!);
    expect(text.toString()).toBe("my own notes");
    expect(padSeedUpdate(padSetupFor("coding"))).toBeNull();
  });
});
