import { describe, expect, it } from "vitest";
import {
  colorFor,
  padDocumentName,
  sessionIdFromDocumentName,
  signRealtimeToken,
  verifyRealtimeToken,
} from "~/modules/sessions/realtime-token";
import { currentPhase, phasesFor, pickQuestion, rolesForHalf } from "~/modules/sessions/roles";

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
    expect(colorFor("a")).toBe(colorFor("a"));
  });
});

describe("roles per half", () => {
  const oneWay = {
    format: "one_way" as const,
    bookedBy: "cand",
    participants: [
      { userId: "cand", role: "candidate" as const },
      { userId: "intv", role: "interviewer" as const },
    ],
  };
  const swap = {
    format: "swap" as const,
    bookedBy: "a",
    participants: [
      { userId: "a", role: "swap" as const },
      { userId: "b", role: "swap" as const },
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
