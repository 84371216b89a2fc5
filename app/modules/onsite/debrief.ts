import type { OverallCall } from "#db/schema";

// The loop debrief: the day's scorecards side by side, read as a hiring committee reads
// them. Pure: the caller hands in the day's sittings and only the scorecards the
// candidate may read (revealed, addressed to them); this decides nothing about access.
//
// The committee's rule (shown on the page, word for word from LOOP_RULE):
//   - any "strong no hire" sinks the loop;
//   - more than one "no hire" sinks it;
//   - otherwise it passes when more than half of the rounds held are "hire" or better.
// Rounds whose feedback is not revealed yet are pending: the verdict is provisional
// unless no call they could still bring would change it. Rounds that were not held
// (cancelled, no-show) will bring no call and are left out of the count.

export const CALL_LABELS: Record<OverallCall, string> = {
  strong_no_hire: "Strong no hire",
  no_hire: "No hire",
  hire: "Hire",
  strong_hire: "Strong hire",
};

export const LOOP_RULE = [
  "Any “strong no hire” means the loop does not pass.",
  "More than one “no hire” means it does not pass.",
  "Otherwise it passes when more than half of the rounds held are “hire” or “strong hire”.",
] as const;

export interface DebriefSitting {
  position: number;
  roundName: string;
  /** Held or still to be held; a cancelled or missed round brings no call. */
  held: boolean;
}

export interface DebriefScorecard {
  position: number;
  overall: OverallCall;
  scores: { name: string; score: number }[];
}

export type RoundState =
  | { kind: "scored"; overall: OverallCall; average: number | null }
  | { kind: "pending" }
  | { kind: "not_held" };

export interface DebriefRound {
  position: number;
  roundName: string;
  state: RoundState;
  scores: { name: string; score: number }[];
}

export interface DimensionMark {
  name: string;
  score: number;
  position: number;
  roundName: string;
}

export type VerdictOutcome = "passes" | "does_not_pass" | "no_evidence";

export interface Verdict {
  outcome: VerdictOutcome;
  /** True while pending rounds could still change the outcome. */
  provisional: boolean;
  reasons: string[];
}

export interface LoopDebrief {
  rounds: DebriefRound[];
  strongest: DimensionMark[];
  weakest: DimensionMark[];
  verdict: Verdict;
  pending: number;
}

const HOW_MANY_MARKS = 3;

type Tally = { strongNoHire: number; noHire: number; hireOrBetter: number; held: number };

function judge(t: Tally): "passes" | "does_not_pass" {
  if (t.strongNoHire > 0 || t.noHire > 1) return "does_not_pass";
  return t.hireOrBetter * 2 > t.held ? "passes" : "does_not_pass";
}

function tally(calls: OverallCall[], held: number): Tally {
  return {
    strongNoHire: calls.filter((c) => c === "strong_no_hire").length,
    noHire: calls.filter((c) => c === "no_hire").length,
    hireOrBetter: calls.filter((c) => c === "hire" || c === "strong_hire").length,
    held,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function loopDebrief(input: {
  levelCode: string;
  sittings: DebriefSitting[];
  scorecards: DebriefScorecard[];
}): LoopDebrief {
  const byPosition = new Map(input.scorecards.map((c) => [c.position, c]));
  const rounds: DebriefRound[] = [...input.sittings]
    .sort((a, b) => a.position - b.position)
    .map((s) => {
      const card = byPosition.get(s.position);
      if (card) {
        const average =
          card.scores.length === 0
            ? null
            : card.scores.reduce((sum, x) => sum + x.score, 0) / card.scores.length;
        return {
          position: s.position,
          roundName: s.roundName,
          state: { kind: "scored", overall: card.overall, average },
          scores: card.scores,
        };
      }
      return {
        position: s.position,
        roundName: s.roundName,
        state: s.held ? { kind: "pending" } : { kind: "not_held" },
        scores: [],
      };
    });

  const marks: DimensionMark[] = rounds.flatMap((r) =>
    r.scores.map((s) => ({ ...s, position: r.position, roundName: r.roundName })),
  );
  // Highest first (earlier rounds first among equals), and the weakest from what is left,
  // so a flat day does not show one dimension as both.
  const strongest = [...marks]
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, HOW_MANY_MARKS);
  const weakest = [...marks]
    .filter((m) => !strongest.includes(m))
    .sort((a, b) => a.score - b.score || a.position - b.position)
    .slice(0, HOW_MANY_MARKS);

  const calls = rounds.flatMap((r) => (r.state.kind === "scored" ? [r.state.overall] : []));
  const pending = rounds.filter((r) => r.state.kind === "pending").length;
  const held = calls.length + pending;
  return {
    rounds,
    strongest,
    weakest,
    pending,
    verdict: verdictOf(input.levelCode, calls, pending, held),
  };
}

function verdictOf(level: string, calls: OverallCall[], pending: number, held: number): Verdict {
  if (calls.length === 0) {
    return {
      outcome: "no_evidence",
      provisional: pending > 0,
      reasons: [
        pending > 0
          ? `No scorecard of this day is revealed yet: ${plural(pending, "round is", "rounds are")} pending.`
          : "No round of this day was held, so there is nothing to judge.",
      ],
    };
  }
  // The best and the worst the pending rounds could still bring: when they agree, the
  // pending rounds cannot change the outcome. Otherwise the verdict reads the revealed
  // rounds alone, and says it is provisional.
  const best = judge(tally([...calls, ...Array(pending).fill("strong_hire")], held));
  const worst = judge(tally([...calls, ...Array(pending).fill("strong_no_hire")], held));
  const provisional = pending > 0 && best !== worst;
  const now = tally(calls, provisional ? calls.length : held);
  const outcome = provisional ? judge(now) : best;

  const reasons: string[] = [];
  if (now.strongNoHire > 0) {
    reasons.push(
      `${plural(now.strongNoHire, "round", "rounds")} called “strong no hire”: one is enough to stop a loop at ${level}.`,
    );
  }
  if (now.noHire > 1) {
    reasons.push(`${now.noHire} rounds called “no hire”: more than one stops the loop.`);
  } else if (now.noHire === 1 && now.strongNoHire === 0) {
    reasons.push("One round called “no hire”: a committee can carry one, not two.");
  }
  reasons.push(
    `${plural(now.hireOrBetter, "round", "rounds")} of ${now.held} ${provisional ? "revealed" : "held"} at “hire” or better; more than half (${Math.floor(now.held / 2) + 1}) are needed.`,
  );
  if (pending > 0) {
    reasons.push(
      provisional
        ? `${plural(pending, "round is", "rounds are")} still pending: this verdict is provisional and may change.`
        : `${plural(pending, "round is", "rounds are")} still pending, but no call they bring can change this.`,
    );
  }
  return { outcome, provisional, reasons };
}

export const VERDICT_HEADLINES: Record<VerdictOutcome, (level: string) => string> = {
  passes: (level) => `This loop would pass at ${level}`,
  does_not_pass: (level) => `This loop would not pass at ${level}`,
  no_evidence: (level) => `Too early to say whether this loop passes at ${level}`,
};
