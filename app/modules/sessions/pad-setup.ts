import type { PadLanguage } from "~/components/room/pad-languages";

// What the shared pad opens with, per round: coding rounds get a code editor in Python
// and an empty page; conversation and design rounds get plain text and a notes template
// shaped for that round. Templates are our own words.

export type RoundKind =
  | "coding"
  | "behavioral"
  | "hiring_manager"
  | "screen"
  | "design"
  | "deep_dive";

export interface PadSetup {
  kind: RoundKind;
  language: PadLanguage;
  /** Seeded into an empty document once; null leaves the pad empty. */
  template: string | null;
}

/** Round slugs of the shipped loop by kind; other loops' rounds fall back on their name. */
const KIND_BY_SLUG: Record<string, RoundKind> = {
  "phone-screen": "coding",
  coding: "coding",
  "recruiter-screen": "screen",
  behavioral: "behavioral",
  "hiring-manager": "hiring_manager",
  "system-design": "design",
  "ml-system-design": "design",
  "spark-deep-dive": "deep_dive",
};

export function roundKind(slug: string): RoundKind {
  const known = KIND_BY_SLUG[slug];
  if (known) return known;
  if (/coding|algorithm|programming/.test(slug)) return "coding";
  if (/design|architecture/.test(slug)) return "design";
  if (/behavio|values/.test(slug)) return "behavioral";
  if (/manager/.test(slug)) return "hiring_manager";
  if (/deep-dive|dive/.test(slug)) return "deep_dive";
  return "screen";
}

const STAR = `Story notes (one block per question)

Question:
  Situation: where and when, who was involved, what was at stake
  Task: what you were responsible for
  Action: what you did yourself, and why that and not something else
  Result: what changed, with a number if there is one; what you learned
  Value it shows:
`;

const TEMPLATES: Record<Exclude<RoundKind, "coding">, string> = {
  behavioral: `Behavioral round notes

${STAR}
Question:
  Situation:
  Task:
  Action:
  Result:
  Value it shows:

Follow-ups asked:
`,
  hiring_manager: `Hiring manager conversation notes

Career arc: the moves so far and the reason behind each
Largest scope held: team size, systems owned, decisions made
Working in ambiguity: one example, what was unclear, how it was resolved
Why this team, why now:
Areas earlier rounds flagged, and what was said about them:

${STAR}`,
  screen: `Screen notes

Background and specialisation:
Level being targeted, and the evidence for it:
Hands-on experience with the platform's tools:
Why this role now:
Questions from the candidate:
`,
  design: `Design notes

1. Requirements
   Functional:
   Non-functional (scale, latency, availability, cost):
   Out of scope:
2. Estimates (traffic, storage, throughput):
3. High-level design (components and the data flow between them):
4. Deep dive (the component that matters most):
5. Data model and storage choices:
6. Failure modes, monitoring and operations:
7. Trade-offs made, and what would change at ten times the scale:
`,
  deep_dive: `Deep dive notes

Scenario:
What we know (symptoms, numbers, plans):
Hypotheses, most likely first:
  1.
  2.
How to confirm each (metrics, UI, query plan):
Fix and why it works:
Trade-offs and what to watch afterwards:
`,
};

export function padSetupFor(roundSlug: string): PadSetup {
  const kind = roundKind(roundSlug);
  if (kind === "coding") return { kind, language: "python", template: null };
  return { kind, language: "text", template: TEMPLATES[kind] };
}
