import { and, asc, eq, gt, inArray, like, lt, sql } from "drizzle-orm";
import * as Y from "yjs";
import { type Database, getDb } from "../client";
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from "../errors";
import {
  dimensions,
  feedback,
  feedbackReveals,
  feedbackScores,
  loops,
  mockSessions,
  type OverallCall,
  padDocuments,
  profiles,
  questions,
  rounds,
  sessionParticipants,
  sessionQuestions,
  users,
} from "../schema";
import { demoPrice, holdDemoEscrow, payDemoEscrow, topUpDemoBalances } from "./demo-ledger";

// Past sessions with submitted and revealed feedback for the demo users, so that the
// dashboard's trends, readiness and feedback pages show something real on a fresh
// install. Everything is derived from a fixed plan and the clock passed in: no
// randomness, and each session carries the idempotency key "demo-history:<n>" so a
// second run (every server start) adds nothing.

const LOOP = "databricks-ic";
const KEY_PREFIX = "demo-history:";
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** History spans this many days back from today. */
const HISTORY_DAYS = 56;

const PEOPLE = {
  ada: { email: "ada@demo.peerloop.dev", timeZone: "America/New_York", pace: [1.7, 3.2] },
  bruno: { email: "bruno@demo.peerloop.dev", timeZone: "America/Sao_Paulo", pace: [2.0, 3.3] },
  chen: { email: "chen@demo.peerloop.dev", timeZone: "Asia/Kolkata", pace: [1.4, 2.9] },
  dana: { email: "dana@demo.peerloop.dev", timeZone: "Europe/Berlin", pace: [2.2, 3.5] },
  eli: { email: "eli@demo.peerloop.dev", timeZone: "Australia/Sydney", pace: [1.8, 3.1] },
  farah: { email: "farah@demo.peerloop.dev", timeZone: "Europe/London", pace: [2.3, 3.6] },
} as const;
type Person = keyof typeof PEOPLE;
const PERSON_ORDER = Object.keys(PEOPLE) as Person[];

/** The rounds each person is working on, in the order their charts list them. */
const FOCUS: Record<Person, string[]> = {
  ada: ["coding", "spark-deep-dive", "ml-system-design"],
  bruno: ["coding", "system-design", "behavioral"],
  chen: ["coding", "ml-system-design"],
  dana: ["spark-deep-dive", "ml-system-design"],
  eli: ["coding", "ml-system-design", "behavioral"],
  farah: ["coding", "spark-deep-dive", "behavioral"],
};

interface Meeting {
  round: string;
  format: "swap" | "one_way";
  /** Swap: interviewed in the first half. One-way: the candidate. */
  booker: Person;
  /** Swap: the other person. One-way: the interviewer. */
  peer: Person;
  pending?: {
    /** Hours between the session's end and the top of the current hour. */
    endedHoursAgo: number;
    /** Who has submitted their feedback: nobody, or one of the two. */
    writtenBy: Person | null;
  };
}

const swap = (round: string, booker: Person, peer: Person): Meeting => ({
  round,
  format: "swap",
  booker,
  peer,
});
const oneWay = (round: string, candidate: Person, interviewer: Person): Meeting => ({
  round,
  format: "one_way",
  booker: candidate,
  peer: interviewer,
});

/**
 * Every format here is one the round allows at both people's target levels: design
 * rounds at L6 and above are one-way, with an interviewer who takes that level.
 */
const STREAMS: Meeting[][] = [
  // Coding: each pair of the five people who practise it swaps once.
  [
    swap("coding", "ada", "bruno"),
    swap("coding", "chen", "eli"),
    swap("coding", "ada", "chen"),
    swap("coding", "bruno", "farah"),
    swap("coding", "eli", "ada"),
    swap("coding", "chen", "farah"),
    swap("coding", "farah", "ada"),
    swap("coding", "bruno", "eli"),
    swap("coding", "chen", "bruno"),
    swap("coding", "eli", "farah"),
  ],
  [
    swap("spark-deep-dive", "ada", "dana"),
    swap("spark-deep-dive", "farah", "ada"),
    swap("spark-deep-dive", "dana", "farah"),
    swap("spark-deep-dive", "dana", "ada"),
    swap("spark-deep-dive", "ada", "farah"),
    swap("spark-deep-dive", "farah", "dana"),
  ],
  [
    swap("behavioral", "bruno", "eli"),
    swap("behavioral", "farah", "bruno"),
    swap("behavioral", "eli", "farah"),
    swap("behavioral", "eli", "bruno"),
    swap("behavioral", "bruno", "farah"),
    swap("behavioral", "farah", "eli"),
  ],
  [
    swap("ml-system-design", "chen", "ada"),
    swap("ml-system-design", "ada", "chen"),
    swap("ml-system-design", "chen", "ada"),
    swap("ml-system-design", "ada", "chen"),
  ],
  Array.from({ length: 4 }, () => oneWay("ml-system-design", "dana", "farah")),
  Array.from({ length: 4 }, () => oneWay("ml-system-design", "eli", "dana")),
  [
    oneWay("system-design", "bruno", "farah"),
    oneWay("system-design", "bruno", "dana"),
    oneWay("system-design", "bruno", "farah"),
    oneWay("system-design", "bruno", "dana"),
  ],
];

/** Spreads every stream evenly over the weeks, so each person's points are apart. */
function interleave(streams: Meeting[][]): Meeting[] {
  return streams
    .flatMap((stream, s) =>
      stream.map((meeting, j) => ({ meeting, at: (j + 0.5) / stream.length, s })),
    )
    .sort((a, b) => a.at - b.at || a.s - b.s)
    .map((x) => x.meeting);
}

/** Recent sessions whose feedback is still to write, for the dashboard and the reveal. */
const PENDING: Meeting[] = [
  { ...swap("coding", "ada", "bruno"), pending: { endedHoursAgo: 3, writtenBy: null } },
  { ...swap("ml-system-design", "chen", "ada"), pending: { endedHoursAgo: 9, writtenBy: "chen" } },
  { ...swap("behavioral", "eli", "bruno"), pending: { endedHoursAgo: 14, writtenBy: "eli" } },
];

/** Position n (from 1) in this list is the session's key: append only, never reorder. */
export const DEMO_HISTORY_PLAN: readonly Meeting[] = [...interleave(STREAMS), ...PENDING];

// ---------------------------------------------------------------------------
// What people wrote. Evidence is indexed by score - 1.

type Four = [string, string, string, string];
type Three = [string, string, string];

const EVIDENCE: Record<string, Record<string, Four>> = {
  coding: {
    "problem-solving": [
      "Began coding before choosing an approach and restarted twice; only found a workable plan after a direct hint.",
      "Found a brute-force plan quickly but needed a nudge to see which data structure removes the nested loop.",
      "Named the brute force, explained why it was too slow and moved to the efficient approach without help.",
      "Compared two efficient approaches out loud, picked one for a stated reason and adapted it cleanly to the follow-up.",
    ],
    "correctness-edge-cases": [
      "The final code failed the first example we traced; empty input and duplicates were never considered.",
      "The main path worked, but an off-by-one at the boundary only surfaced when I asked for a trace of a two-element input.",
      "Listed empty input, a single element and duplicates up front and handled all three; one boundary needed a second look.",
      "Wrote small tests for the edge cases before I asked, traced them by hand and fixed a boundary bug before running anything.",
    ],
    "code-quality": [
      "One long function with names like tmp and arr2; it was hard to follow where state changed.",
      "Readable in parts, but the same logic was copied twice instead of extracted and a few names were vague.",
      "Clear names and a small helper for the repeated step; only one magic number was left unexplained.",
      "The code read like a reviewed pull request: small functions, honest names and no dead branches.",
    ],
    "complexity-analysis": [
      "Could not state the running time of their own solution when asked.",
      "Gave the time complexity correctly but forgot the extra memory of the auxiliary map.",
      "Stated time and space correctly for both the brute force and the final version.",
      "Gave tight bounds, explained the amortised cost of the hot operation and said what would change at ten times the input.",
    ],
    communication: [
      "Long silences while coding; I often could not tell what they were trying.",
      "Explained the plan at the start, then went quiet during the hardest part.",
      "Kept a steady commentary and checked assumptions with me before committing to them.",
      "Narrated decisions crisply, asked exactly the clarifying questions that mattered and summarised the result at the end.",
    ],
  },
  "spark-deep-dive": {
    "execution-model": [
      "Mixed up stages and tasks and could not say where the shuffle boundary in the example job was.",
      "Knew that wide transformations start a new stage but was unsure how many tasks each stage runs.",
      "Walked from the code to jobs, stages and tasks correctly and pointed at the exchange that splits them.",
      "Explained lazy evaluation, stage boundaries and task scheduling precisely, including what happens when an executor is lost.",
    ],
    "partitioning-data-layout": [
      "Suggested a repartition without saying by which key or into how many partitions.",
      "Knew small files hurt but did not connect file sizes to the number of input partitions.",
      "Chose a partition column with a reason, sized the files sensibly and mentioned compaction.",
      "Derived partition counts from the data volume and weighed partitioning against clustering for the actual read pattern.",
    ],
    "performance-diagnosis": [
      "Proposed more executor memory straight away without looking for the cause.",
      "Said to open the Spark UI, but was vague on which metric would confirm skew or spill.",
      "Went to task duration percentiles and spill metrics first and found the skewed stage.",
      "Ran a clear diagnosis loop: a hypothesis, the metric that confirms it, the fix and how to check that it worked.",
    ],
    "optimizer-engine-internals": [
      "Had not read a physical plan before and could not name a join strategy.",
      "Knew broadcast joins exist but not when the optimizer picks one.",
      "Read the plan correctly and explained predicate pushdown and when a broadcast join applies.",
      "Discussed adaptive execution, skew-join handling and vectorised execution with concrete examples from the plan.",
    ],
  },
  "ml-system-design": {
    "requirements-scale": [
      "Started drawing boxes without asking about traffic, latency or the business goal.",
      "Asked about latency but never estimated request volume or data size.",
      "Pinned down latency, throughput and data size with rough numbers before designing.",
      "Turned the goal into measurable targets, estimated load and storage, and used those numbers to drive later choices.",
    ],
    "end-to-end-architecture": [
      "Described the model but not how data reaches it or how predictions are served.",
      "Covered training and serving, but the path from raw events to features stayed unclear.",
      "Presented a complete pipeline from ingestion to serving with sensible components.",
      "Laid out a clean end-to-end design and explained why each component exists and what it replaces.",
    ],
    "data-feature-consistency": [
      "Did not consider that training and serving might compute features differently.",
      "Named training/serving skew when prompted but had no plan to prevent it.",
      "Used one feature definition for both paths and point-in-time joins for the training set.",
      "Made consistency the default: shared feature code, point-in-time correctness and a job that compares online and offline values.",
    ],
    "model-lifecycle-monitoring": [
      "No mention of retraining, versioning or monitoring once the model ships.",
      "Mentioned retraining on a schedule but not how to detect when it is needed.",
      "Covered a model registry, a staged rollout and drift monitoring with a clear trigger to retrain.",
      "Described the whole lifecycle: registry, canary rollout, drift and quality alerts, and a fast rollback path.",
    ],
    "tradeoffs-failure-modes": [
      "Treated the first design as final and did not discuss what could fail.",
      "Named one failure mode when asked, without a mitigation.",
      "Compared two options on cost and latency and described a fallback for a slow feature store.",
      "Drove the trade-off discussion themselves, put numbers on the costs and had a degradation plan for each dependency.",
    ],
  },
  "system-design": {
    requirements: [
      "Jumped into components without agreeing on the functional scope or the load.",
      "Listed the features but skipped the non-functional requirements until asked.",
      "Agreed on scope, load estimates and latency targets in the first five minutes.",
      "Scoped tightly, stated explicit non-goals and derived capacity numbers that shaped the rest of the design.",
    ],
    scalability: [
      "One database behind one service, with no idea how it would grow.",
      "Added replicas and a cache but could not say how the data would be sharded.",
      "Chose a shard key with a reason, placed caches deliberately and identified the hot path.",
      "Scaled each tier from the numbers, handled hot keys explicitly and explained how to rebalance shards online.",
    ],
    "consistency-availability": [
      "Did not address what happens when replicas disagree.",
      "Mentioned eventual consistency but not where it is acceptable to the user.",
      "Chose a consistency level per operation and justified each choice.",
      "Reasoned through partitions and failover precisely, including read-your-writes and what clients see during a failover.",
    ],
    "reliability-observability": [
      "No retries, timeouts or metrics anywhere in the design.",
      "Added retries but without backoff or idempotency, and monitoring was an afterthought.",
      "Included timeouts, idempotent retries and the key metrics and alerts.",
      "Designed for failure from the start: load shedding, idempotency keys, SLOs with alerts and a clear story for the worst outage.",
    ],
    tradeoffs: [
      "Presented one option and no alternatives.",
      "Compared alternatives when prompted, but the final choice was not argued.",
      "Weighed two designs on cost, complexity and latency and picked one clearly.",
      "Made trade-offs explicit at every step and said which decision they would revisit first as the product grows.",
    ],
  },
  behavioral: {
    "customer-obsession": [
      "The story never said who the users were or how they were affected.",
      "Named the affected customer, but the actions were about internal process rather than their problem.",
      "Started from a customer pain point and showed how the work changed their experience.",
      "Caught the issue before customers reported it and backed the impact with numbers from the customer side.",
    ],
    "raising-the-bar": [
      "Described meeting the existing standard rather than raising it.",
      "Improved their own work, but nothing changed for the team.",
      "Introduced a review checklist that the team kept using after the project ended.",
      "Raised a standard across several teams and showed how they measured that it stuck.",
    ],
    "truth-seeking": [
      "Could not recall a time the data proved them wrong.",
      "Admitted a mistake, but someone else found it and the lesson stayed vague.",
      "Ran the experiment that disproved their own assumption and changed course quickly.",
      "Set up the measurement that could prove them wrong before committing, then acted on the result openly.",
    ],
    "first-principles": [
      "Followed the existing approach without questioning it.",
      "Questioned one assumption but fell back on the usual answer.",
      "Broke the problem down to its constraints and found a simpler option than the accepted one.",
      "Rebuilt the approach from the underlying constraints and explained why the accepted wisdom did not apply.",
    ],
    "bias-for-action": [
      "Waited for complete information and the decision slipped by weeks.",
      "Acted, but without saying which risks they accepted or how they would undo it.",
      "Made a reversible decision with partial data and set a checkpoint to revisit it.",
      "Separated reversible from irreversible choices, moved fast on the first kind and showed what that speed gained.",
    ],
    "company-first": [
      "Optimised for their own team's goal even when it cost other teams.",
      "Saw the conflict with another team but escalated instead of resolving it.",
      "Gave up a team goal for a bigger company priority and explained the reasoning to their team.",
      "Negotiated a plan that served the company goal, kept their team motivated and followed up on the outcome.",
    ],
    "answer-structure": [
      "Hard to follow: the situation took most of the time and the result never came.",
      "Used a rough situation, action, result shape, but the result had no number.",
      "Clear structure with a measurable result and a short reflection at the end.",
      "Tight and well paced; the actions were clearly theirs and the result and lesson landed in under four minutes.",
    ],
  },
};

const GENERIC_EVIDENCE: Four = [
  "Well below the bar for this dimension; most of it needed prompting.",
  "Partly there, with gaps that showed once I asked a follow-up.",
  "At the bar: solid and mostly unprompted.",
  "Above the bar: thorough, unprompted and clearly explained.",
];

interface RoundWords {
  strengths: Three;
  improvements: Three;
  topics: Three;
}

const WORDS: Record<string, RoundWords> = {
  coding: {
    strengths: [
      "You asked good questions about the input before starting and stayed calm when the first approach did not work.",
      "You reached a working solution with time to spare and explained the main loop clearly while writing it.",
      "A fast, clean path from brute force to the optimal approach, with tests you wrote yourself. This is what a hire looks like at your target level.",
    ],
    improvements: [
      "Spend the first five minutes on the approach before writing code, and trace one small example by hand before saying you are done.",
      "Edge cases still come late. List empty, single and duplicate inputs before coding and check each one at the end.",
      "Only polish is left: state the space complexity without being asked and keep helper names as clear as the main function.",
    ],
    topics: [
      "Two pointers and sliding windows",
      "An edge-case checklist before coding",
      "Heaps and amortised analysis",
    ],
  },
  "spark-deep-dive": {
    strengths: [
      "You know the DataFrame API well and described what the job does for the business clearly.",
      "Good instinct to open the Spark UI first, and you spotted the shuffle in the plan straight away.",
      "Your skew diagnosis was precise and you tied every fix to a metric that would confirm it.",
    ],
    improvements: [
      "Review how code becomes stages and tasks; most of the follow-ups depended on knowing where the shuffles happen.",
      "Go one level deeper on the optimizer: when broadcast joins apply and how adaptive execution changes the plan.",
      "Bring more numbers: partition sizes, executor memory and expected spill, so that your fixes sound measured rather than guessed.",
    ],
    topics: [
      "Stages, tasks and shuffle boundaries",
      "Join strategies and adaptive query execution",
      "Sizing partitions and executors from the data volume",
    ],
  },
  "ml-system-design": {
    strengths: [
      "You clearly know the modelling side and picked a sensible baseline model.",
      "You covered the pipeline end to end and argued your feature store choice well.",
      "A structured design driven by numbers, with the rollout and monitoring plan an interviewer expects at your target level.",
    ],
    improvements: [
      "Start with requirements and scale before any architecture; the design changed twice because latency came up late.",
      "Training/serving consistency and monitoring need a concrete plan, not just a mention.",
      "Keep the trade-off discussion going to the end; the last ten minutes drifted into detail on a single component.",
    ],
    topics: [
      "Requirements and capacity estimates first",
      "Point-in-time features and drift monitoring",
      "Canary rollouts and rollback for models",
    ],
  },
  "system-design": {
    strengths: [
      "Sensible high-level components and a clear diagram.",
      "Good capacity estimates and a well-chosen shard key.",
      "You led the whole discussion, made the trade-offs explicit and handled the failure scenarios calmly.",
    ],
    improvements: [
      "Agree on requirements and load numbers before drawing anything, and say out loud what is out of scope.",
      "Failure handling was the weak spot: add timeouts, idempotent retries and the metrics you would alert on.",
      "Manage the clock so the deep dive leaves room for the reliability discussion.",
    ],
    topics: [
      "Back-of-the-envelope capacity estimates",
      "Retries, idempotency and failure handling",
      "Choosing consistency per operation",
    ],
  },
  behavioral: {
    strengths: [
      "Your stories come from real, substantial projects and you were candid about what went wrong.",
      "Better structure this time, and the customer impact in the first story was concrete.",
      "Crisp answers with measurable results; every story showed your own actions clearly at your target level.",
    ],
    improvements: [
      "Use a situation, action, result shape and cut the context to under a minute so the actions get the time.",
      'Put numbers on the results and say "I" for your own actions; some answers still blurred your part and the team\'s.',
      "Prepare one more story about conflict between teams; the company-first follow-up was the least convincing.",
    ],
    topics: [
      "STAR structure with a one-minute context",
      "A measurable result for every story",
      "A story about conflict between teams",
    ],
  },
};

const GENERIC_WORDS: RoundWords = {
  strengths: [
    "You engaged well with the question and stayed composed throughout.",
    "Clear progress since the last mock: better structure and fewer prompts needed.",
    "Consistently at the bar for your target level, with clear reasoning throughout.",
  ],
  improvements: [
    "Slow down at the start and agree on what a good answer covers before diving in.",
    "Go deeper on follow-ups instead of restating the first answer.",
    "Keep polishing the details; the fundamentals are there.",
  ],
  topics: ["Fundamentals of this round", "Depth on follow-up questions", "Polish and pacing"],
};

const RATING_COMMENTS = [
  "Well prepared: the question fit my level and the follow-ups pushed me without derailing me.",
  "The hint came at the right moment, and the written feedback was specific.",
  "Good timekeeping and an honest debrief. I would have liked one more follow-up on complexity.",
  "Knew the question in depth and took notes I could learn from. Happy to practise again.",
  "Friendly and precise. The evidence in the scorecard matched what actually happened.",
  "A bit quiet in the middle, but the debrief at the end made up for it.",
  "Realistic pressure, just like a real loop. The examples of a stronger answer were useful.",
  "Good question choice; a little more guidance when I got stuck would have helped.",
];

const CODING_PADS: Record<string, string> = {
  "merge-job-runtime-intervals": `def merge(intervals):
    intervals.sort(key=lambda iv: iv[0])
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged`,
  "job-dependency-order": `from collections import deque

def run_order(jobs, deps):
    indegree = {job: 0 for job in jobs}
    after = {job: [] for job in jobs}
    for job, needs in deps:
        after[needs].append(job)
        indegree[job] += 1
    ready = deque(j for j in jobs if indegree[j] == 0)
    order = []
    while ready:
        job = ready.popleft()
        order.append(job)
        for nxt in after[job]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(jobs):
        raise ValueError("cycle in job dependencies")
    return order`,
  "kth-largest-stream": `import heapq

class KthLargest:
    def __init__(self, k):
        self.k = k
        self.heap = []  # min-heap holding the k largest so far

    def add(self, latency_ms):
        heapq.heappush(self.heap, latency_ms)
        if len(self.heap) > self.k:
            heapq.heappop(self.heap)
        return self.heap[0] if len(self.heap) == self.k else None`,
  "randomized-set": `import random

class RandomizedSet:
    def __init__(self):
        self.items, self.index = [], {}

    def insert(self, x):
        if x in self.index:
            return False
        self.index[x] = len(self.items)
        self.items.append(x)
        return True

    def remove(self, x):
        if x not in self.index:
            return False
        i, last = self.index.pop(x), self.items.pop()
        if i < len(self.items):
            self.items[i] = last
            self.index[last] = i
        return True

    def sample(self):
        return random.choice(self.items)`,
  "auc-from-scores": `def auc(scores, labels):
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        return None
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2  # ties share the mean rank
        rank_sum += mean_rank * sum(label for _, label in pairs[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)`,
  "sliding-window-rate-limiter": `from collections import defaultdict, deque

class RateLimiter:
    def __init__(self, limit, window_s):
        self.limit, self.window = limit, window_s
        self.hits = defaultdict(deque)

    def allow(self, client, now):
        q = self.hits[client]
        while q and q[0] <= now - self.window:
            q.popleft()
        if len(q) >= self.limit:
            return False
        q.append(now)
        return True`,
  "frequent-error-sequences": `from collections import Counter, deque
import heapq

def top_sequences(events, n, k):
    counts, window = Counter(), deque(maxlen=n)
    for code in events:
        window.append(code)
        if len(window) == n:
            counts[tuple(window)] += 1
    return heapq.nlargest(k, counts.items(), key=lambda kv: kv[1])`,
  "spark-feature-transform": `from pyspark.sql import functions as F

# built-ins first: they stay in the JVM and the optimizer can see them
features = (
    events.withColumn("amount_log", F.log1p("amount"))
    .withColumn("hour", F.hour("event_time"))
    .withColumn("is_weekend", F.dayofweek("event_time").isin(1, 7))
)`,
};

const NOTES: Record<string, string> = {
  "spark-deep-dive": `- input: ~2 TB of Parquet in 40k files, partitioned by date
- stage 1: scan + filter (narrow), stage 2: exchange on customer_id (shuffle)
- symptom: a few tasks take 20x the median -> skewed key
- try: AQE skew join, salt the hot key, compact the small files
- check: task duration p50 vs max, spill to memory and disk`,
  "ml-system-design": `- goals: p99 < 100 ms, ~5k predictions/s, retrain daily
- data: events (Kafka) -> bronze/silver Delta tables -> feature jobs
- features: offline store for training (point-in-time joins), online store for serving
- model: registry with staging/production, canary 5% -> 100%
- monitoring: feature drift (PSI), prediction drift, delayed-label quality
- fallback: last good model plus rules if the online store times out`,
  "system-design": `- load: 50k reads/s, 2k writes/s, 1 KB values, 3 regions
- api: GET /v1/items/{key}, PUT /v1/items/{key}
- storage: sharded by hash(key), 3 replicas, quorum writes
- cache: read-through, 60 s TTL, hot keys replicated
- failure: 200 ms timeouts, retries with jitter, idempotency keys
- metrics: p99 latency, error rate, cache hit ratio, replica lag`,
  behavioral: `S: nightly pipeline missed its SLA twice a week; three teams affected
T: I owned the fix as the on-call lead
A: added stage metrics, found the skewed join, agreed a rollout with the downstream teams
R: SLA met 30 days running, runtime 3h10 -> 1h05
follow-up: what would I do differently? involve the downstream teams earlier`,
};

function padFor(round: string, halves: { title: string; slug: string }[]) {
  if (round === "coding") {
    const code = halves
      .map(
        (h) =>
          `# ${h.title}\n${CODING_PADS[h.slug] ?? "# plan: clarify, brute force, then optimise"}`,
      )
      .join("\n\n");
    return { language: "python", code: `${code}\n` };
  }
  const notes = NOTES[round] ?? "- notes";
  return {
    language: "text",
    code: `${halves.map((h) => `${h.title}\n${notes}`).join("\n\n")}\n`,
  };
}

// ---------------------------------------------------------------------------
// Scores: a steady climb per person and round, some dimensions stronger than others.

const ROUND_SHIFT = [0, -0.2, 0.15];
const DIMENSION_SHIFT = [0, 0.4, -0.5, 0.2, -0.2];

function scoreOf(person: Person, roundIndex: number, dimensionIndex: number, t: number): number {
  const [from, to] = PEOPLE[person].pace;
  const value =
    from +
    (to - from) * t +
    (ROUND_SHIFT[roundIndex % ROUND_SHIFT.length] ?? 0) +
    (DIMENSION_SHIFT[(dimensionIndex + PERSON_ORDER.indexOf(person)) % DIMENSION_SHIFT.length] ??
      0);
  return Math.min(4, Math.max(1, Math.round(value)));
}

function callOf(scores: number[]): OverallCall {
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  if (mean < 1.6) return "strong_no_hire";
  if (mean < 2.5) return "no_hire";
  if (mean < 3.3) return "hire";
  return "strong_hire";
}

// ---------------------------------------------------------------------------
// Placement: a day and an hour for each session, in both people's waking hours, with
// nobody in two sessions at once.

interface Interval {
  start: number;
  end: number;
}

function localHour(at: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" })
    .formatToParts(at)
    .find((p) => p.type === "hour")?.value;
  return Number(hour);
}

const PREFERRED_UTC_HOURS = [14, 16, 12, 18, 9, 20, 7, 22, 10, 15, 13, 17, 19, 11, 8, 21, 23, 0, 6];

function fitsDay(
  people: Person[],
  start: Date,
  minutes: number,
  window: [number, number],
): boolean {
  return people.every((p) => {
    const from = localHour(start, PEOPLE[p].timeZone);
    const to = localHour(new Date(start.getTime() + minutes * 60_000 - 1), PEOPLE[p].timeZone);
    return from >= window[0] && from <= window[1] && to >= from;
  });
}

function placeHistory(
  meetings: { people: Person[]; minutes: number }[],
  busy: Map<Person, Interval[]>,
  now: Date,
): (Interval | null)[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const latestEnd = now.getTime() - DAY_MS;
  const free = (people: Person[], slot: Interval) =>
    people.every((p) =>
      (busy.get(p) ?? []).every((b) => b.end <= slot.start || slot.end <= b.start),
    );
  return meetings.map((m, i) => {
    const spread = meetings.length > 1 ? i / (meetings.length - 1) : 1;
    const day = HISTORY_DAYS - Math.round(spread * (HISTORY_DAYS - 2));
    for (const window of [
      [9, 20],
      [7, 22],
      [0, 23],
    ] as [number, number][]) {
      for (const shift of [0, 1, -1, 2, -2]) {
        const dayStart = today - (day + shift) * DAY_MS;
        for (const hour of PREFERRED_UTC_HOURS) {
          const slot = { start: dayStart + hour * HOUR_MS, end: 0 };
          slot.end = slot.start + m.minutes * 60_000;
          if (slot.end > latestEnd) continue;
          if (!fitsDay(m.people, new Date(slot.start), m.minutes, window)) continue;
          if (!free(m.people, slot)) continue;
          for (const p of m.people) busy.set(p, [...(busy.get(p) ?? []), slot]);
          return slot;
        }
      }
    }
    return null;
  });
}

// ---------------------------------------------------------------------------

interface RoundInfo {
  id: number;
  minutes: number;
  dimensions: { id: number; slug: string }[];
  questions: { id: number; slug: string; title: string; min: number; max: number }[];
}

interface PersonInfo {
  id: string;
  targetLevelId: number | null;
  targetRank: number;
}

/**
 * Adds the demo users' past sessions, with questions, pads and revealed feedback, and
 * a few recent ones whose feedback is still to write. Sessions already there (by
 * idempotency key) are skipped, as is a session that would collide with one a demo
 * user really booked. Needs the demo users, the catalog and the question bank.
 * Returns how many sessions it created.
 */
export async function seedDemoHistory(now: Date = new Date()): Promise<number> {
  const db = getDb();
  const plan = DEMO_HISTORY_PLAN.map((meeting, i) => ({ meeting, key: `${KEY_PREFIX}${i + 1}` }));
  const existing = new Set(
    (
      await db
        .select({ key: mockSessions.idempotencyKey })
        .from(mockSessions)
        .where(like(mockSessions.idempotencyKey, `${KEY_PREFIX}%`))
    ).map((r) => r.key),
  );
  if (plan.every((p) => existing.has(p.key))) return 0;

  const [loop] = await db.select({ id: loops.id }).from(loops).where(eq(loops.slug, LOOP));
  if (!loop) return 0;
  const people = await loadPeople(db);
  const roundInfo = await loadRounds(db, loop.id);
  const roundIds = new Map([...roundInfo].map(([slug, r]) => [slug, r.id]));

  // Question ids each candidate has had already, so no one gets a question twice.
  const seen = new Map<string, Set<number>>();
  const personIds = [...people.values()].map((p) => p.id);
  if (personIds.length > 0) {
    const rows = await db
      .select({
        candidateId: sessionQuestions.candidateId,
        questionId: sessionQuestions.questionId,
      })
      .from(sessionQuestions)
      .where(inArray(sessionQuestions.candidateId, personIds));
    for (const r of rows) if (r.questionId !== null) seenBy(seen, r.candidateId).add(r.questionId);
  }

  // What the demo users really booked stays in place; history goes around it.
  const busy = new Map<Person, Interval[]>();
  const horizon = new Date(now.getTime() - (HISTORY_DAYS + 3) * DAY_MS);
  for (const [person, info] of people) {
    const rows = await db
      .select({ startsAt: mockSessions.startsAt, endsAt: mockSessions.endsAt })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .where(
        and(
          eq(sessionParticipants.userId, info.id),
          eq(sessionParticipants.active, true),
          gt(mockSessions.endsAt, horizon),
          lt(mockSessions.startsAt, new Date(now.getTime() + DAY_MS)),
        ),
      );
    busy.set(
      person,
      rows.map((r) => ({ start: r.startsAt.getTime(), end: r.endsAt.getTime() })),
    );
  }

  const minutesOf = (m: Meeting) => {
    const round = roundInfo.get(m.round);
    return round ? (m.format === "swap" ? 2 * round.minutes : round.minutes) : 60;
  };
  const topOfHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const slots: (Interval | null)[] = plan.map(({ meeting }) => {
    if (!meeting.pending) return null;
    const end = topOfHour - meeting.pending.endedHoursAgo * HOUR_MS;
    return { start: end - minutesOf(meeting) * 60_000, end };
  });
  plan.forEach(({ meeting }, i) => {
    const slot = slots[i];
    if (!slot) return;
    for (const p of [meeting.booker, meeting.peer]) busy.set(p, [...(busy.get(p) ?? []), slot]);
  });
  const historyIndexes = plan.flatMap((p, i) => (p.meeting.pending ? [] : [i]));
  const placed = placeHistory(
    historyIndexes.map((i) => ({
      people: [plan[i]!.meeting.booker, plan[i]!.meeting.peer],
      minutes: minutesOf(plan[i]!.meeting),
    })),
    busy,
    now,
  );
  historyIndexes.forEach((planIndex, j) => {
    slots[planIndex] = placed[j] ?? null;
  });

  // Each person's k-th scorecard of n in a round sits at k / (n - 1) of their climb.
  const order = plan
    .map((_, i) => ({ i, start: slots[i]?.start ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  const progress = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const { i } of order) {
    const m = plan[i]!.meeting;
    for (const candidate of candidatesOf(m)) {
      const key = `${i}:${candidate}`;
      const series = `${candidate}:${m.round}`;
      const k = totals.get(series) ?? 0;
      totals.set(series, k + 1);
      progress.set(key, k);
    }
  }
  const progressOf = (i: number, candidate: Person) => {
    const n = totals.get(`${candidate}:${plan[i]!.meeting.round}`) ?? 1;
    return n <= 1 ? 1 : (progress.get(`${i}:${candidate}`) ?? 0) / (n - 1);
  };

  let created = 0;
  for (const [i, { meeting, key }] of plan.entries()) {
    if (existing.has(key)) continue;
    const slot = slots[i];
    const round = roundInfo.get(meeting.round);
    const booker = people.get(meeting.booker);
    const peer = people.get(meeting.peer);
    if (!slot || !round || !booker || !peer) continue;
    try {
      await db.transaction(async (tx) => {
        await createSession(tx as unknown as Database, {
          index: i,
          key,
          meeting,
          slot,
          loopId: loop.id,
          round,
          roundIds,
          people,
          seen,
          now,
          progressOf: (candidate) => progressOf(i, candidate),
        });
      });
      created++;
    } catch (err) {
      // A real booking in the way, or another process seeding at the same moment.
      const code = pgErrorCode(err);
      if (code === PG_EXCLUSION_VIOLATION || code === PG_UNIQUE_VIOLATION) continue;
      throw err;
    }
  }
  if (created > 0) await topUpDemoBalances(db, personIds, now);
  return created;
}

function seenBy(seen: Map<string, Set<number>>, userId: string): Set<number> {
  let set = seen.get(userId);
  if (!set) {
    set = new Set();
    seen.set(userId, set);
  }
  return set;
}

function candidatesOf(m: Meeting): Person[] {
  return m.format === "swap" ? [m.booker, m.peer] : [m.booker];
}

async function loadPeople(db: Database): Promise<Map<Person, PersonInfo>> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      targetLevelId: profiles.targetLevelId,
      targetRank: sql<
        number | null
      >`(select rank from levels where id = ${profiles.targetLevelId})`,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(
      inArray(
        users.email,
        PERSON_ORDER.map((p) => PEOPLE[p].email),
      ),
    );
  const result = new Map<Person, PersonInfo>();
  for (const person of PERSON_ORDER) {
    const row = rows.find((r) => r.email === PEOPLE[person].email);
    if (row)
      result.set(person, {
        id: row.id,
        targetLevelId: row.targetLevelId,
        targetRank: Number(row.targetRank ?? 5),
      });
  }
  return result;
}

async function loadRounds(db: Database, loopId: number): Promise<Map<string, RoundInfo>> {
  const [roundRows, dimensionRows, questionRows] = await Promise.all([
    db
      .select({ id: rounds.id, slug: rounds.slug, minutes: rounds.durationMinutes })
      .from(rounds)
      .where(eq(rounds.loopId, loopId)),
    db
      .select({ id: dimensions.id, roundId: dimensions.roundId, slug: dimensions.slug })
      .from(dimensions)
      .innerJoin(rounds, eq(rounds.id, dimensions.roundId))
      .where(eq(rounds.loopId, loopId))
      .orderBy(asc(dimensions.position)),
    db
      .select({
        id: questions.id,
        roundId: questions.roundId,
        slug: questions.slug,
        title: questions.title,
        min: questions.minLevelRank,
        max: questions.maxLevelRank,
      })
      .from(questions)
      .where(eq(questions.loopId, loopId))
      .orderBy(asc(questions.id)),
  ]);
  return new Map(
    roundRows.map((r) => [
      r.slug,
      {
        id: r.id,
        minutes: r.minutes,
        dimensions: dimensionRows.filter((d) => d.roundId === r.id),
        questions: questionRows.filter((q) => q.roundId === r.id),
      },
    ]),
  );
}

/** The first question of the round the candidate has not had, in range for their level. */
function pickQuestion(round: RoundInfo, rank: number, seen: Set<number>, offset: number) {
  const fresh = round.questions.filter((q) => !seen.has(q.id));
  const inRange = fresh.filter((q) => q.min <= rank && rank <= q.max);
  const pool = inRange.length > 0 ? inRange : fresh;
  return pool.length > 0 ? pool[offset % pool.length]! : null;
}

/** Some hours after the session, but never later than shortly before now. */
function submittedAfter(endsAt: Date, hours: number, now: Date): Date {
  const at = Math.min(endsAt.getTime() + hours * HOUR_MS, now.getTime() - HOUR_MS);
  return new Date(Math.max(at, endsAt.getTime() + 5 * 60_000));
}

async function createSession(
  tx: Database,
  input: {
    index: number;
    key: string;
    meeting: Meeting;
    slot: Interval;
    loopId: number;
    round: RoundInfo;
    roundIds: Map<string, number>;
    people: Map<Person, PersonInfo>;
    seen: Map<string, Set<number>>;
    now: Date;
    progressOf: (candidate: Person) => number;
  },
) {
  const { index, meeting, round, people } = input;
  const booker = people.get(meeting.booker)!;
  const peer = people.get(meeting.peer)!;
  const startsAt = new Date(input.slot.start);
  const endsAt = new Date(input.slot.end);
  const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
  const isSwap = meeting.format === "swap";
  const bookedAt = new Date(startsAt.getTime() - (3 + (index % 4)) * DAY_MS);
  const price = isSwap ? 0 : await demoPrice(tx, round.id, booker.targetRank);

  const [session] = await tx
    .insert(mockSessions)
    .values({
      loopId: input.loopId,
      roundId: round.id,
      format: meeting.format,
      startsAt,
      endsAt,
      status: "completed",
      bookedBy: booker.id,
      idempotencyKey: input.key,
      currentHalf: isSwap ? 2 : 1,
      priceCredits: price,
      createdAt: bookedAt,
      updatedAt: endsAt,
    })
    .returning({ id: mockSessions.id });
  const sessionId = session!.id;
  await tx.insert(sessionParticipants).values([
    {
      sessionId,
      userId: booker.id,
      role: isSwap ? "swap" : "candidate",
      targetLevelId: booker.targetLevelId,
      during,
    },
    {
      sessionId,
      userId: peer.id,
      role: isSwap ? "swap" : "interviewer",
      targetLevelId: isSwap ? peer.targetLevelId : null,
      during,
    },
  ]);
  if (!isSwap) {
    await holdDemoEscrow(tx, {
      sessionId,
      candidateId: booker.id,
      interviewerId: peer.id,
      price,
      bookedAt,
    });
  }

  // Swap: the booker is interviewed first (rolesForHalf).
  const halves: { half: 1 | 2; candidate: Person; interviewer: Person }[] = isSwap
    ? [
        { half: 1, candidate: meeting.booker, interviewer: meeting.peer },
        { half: 2, candidate: meeting.peer, interviewer: meeting.booker },
      ]
    : [{ half: 1, candidate: meeting.booker, interviewer: meeting.peer }];
  const halfMs = (input.slot.end - input.slot.start) / halves.length;

  const asked: { title: string; slug: string }[] = [];
  // A session never asks one question twice (a unique key): half 2 skips half 1's.
  const askedHere = new Set<number>();
  for (const h of halves) {
    const candidate = people.get(h.candidate)!;
    const seen = seenBy(input.seen, candidate.id);
    const question = pickQuestion(
      round,
      candidate.targetRank,
      new Set([...seen, ...askedHere]),
      index,
    );
    if (!question) continue;
    await tx.insert(sessionQuestions).values({
      sessionId,
      half: h.half,
      questionId: question.id,
      interviewerId: people.get(h.interviewer)!.id,
      candidateId: candidate.id,
      assignedAt: new Date(startsAt.getTime() + (h.half - 1) * halfMs),
    });
    seen.add(question.id);
    askedHere.add(question.id);
    asked.push({ title: question.title, slug: question.slug });
  }

  const pad = padFor(meeting.round, asked);
  const doc = new Y.Doc();
  try {
    doc.getMap<string>("meta").set("language", pad.language);
    doc.getText("code").insert(0, pad.code);
    await tx
      .insert(padDocuments)
      .values({ sessionId, state: Y.encodeStateAsUpdate(doc), updatedAt: endsAt });
  } finally {
    doc.destroy();
  }

  const pending = meeting.pending;
  if (pending && !pending.writtenBy) return;
  const writes = (author: Person) => !pending || author === pending.writtenBy;
  let lastSubmitted = endsAt.getTime();
  for (const h of halves) {
    const candidate = people.get(h.candidate)!;
    const interviewer = people.get(h.interviewer)!;
    const focus = FOCUS[h.candidate].indexOf(meeting.round);
    const t = input.progressOf(h.candidate);
    const stage = Math.min(2, Math.floor(t * 3));
    const words = WORDS[meeting.round] ?? GENERIC_WORDS;
    const lead = asked[h.half - 1] ? `On "${asked[h.half - 1]!.title}": ` : "";
    const common = {
      sessionId,
      half: h.half,
      roundId: round.id,
    };

    if (writes(h.interviewer)) {
      const scores = round.dimensions.map((d, di) => {
        const score = scoreOf(h.candidate, Math.max(0, focus), di, t);
        const text = EVIDENCE[meeting.round]?.[d.slug]?.[score - 1] ?? GENERIC_EVIDENCE[score - 1]!;
        return { dimensionId: d.id, score, evidence: `${lead}${text}` };
      });
      // Late in the climb the next thing to practise is the person's next round.
      const nextRound =
        stage === 2
          ? (FOCUS[h.candidate][(focus + 1) % FOCUS[h.candidate].length] ?? meeting.round)
          : meeting.round;
      const submittedAt = submittedAfter(endsAt, 1 + ((index * 7 + h.half) % 9), input.now);
      lastSubmitted = Math.max(lastSubmitted, submittedAt.getTime());
      const [row] = await tx
        .insert(feedback)
        .values({
          ...common,
          kind: "scorecard",
          authorId: interviewer.id,
          recipientId: candidate.id,
          targetLevelId: candidate.targetLevelId,
          overall: callOf(scores.map((s) => s.score)),
          strengths: words.strengths[stage],
          improvements: words.improvements[stage],
          practiseRoundId: input.roundIds.get(nextRound) ?? round.id,
          // Some authors leave the optional topic empty.
          practiseTopic: (index + h.half) % 4 === 0 ? null : words.topics[stage],
          submittedAt,
        })
        .returning({ id: feedback.id });
      await tx.insert(feedbackScores).values(scores.map((s) => ({ feedbackId: row!.id, ...s })));
      if (!isSwap) await payDemoEscrow(tx, sessionId, submittedAt);
    }

    if (writes(h.candidate)) {
      const n = index + h.half;
      const submittedAt = submittedAfter(endsAt, 2 + ((index * 5 + h.half) % 13), input.now);
      lastSubmitted = Math.max(lastSubmitted, submittedAt.getTime());
      await tx.insert(feedback).values({
        ...common,
        kind: "rating",
        authorId: candidate.id,
        recipientId: interviewer.id,
        preparation: 3 + (n % 3),
        helpfulness: 3 + ((n + 1) % 3),
        clarity: 4 + (n % 2),
        wouldPractiseAgain: n % 7 !== 3,
        comment: n % 5 === 2 ? null : RATING_COMMENTS[n % RATING_COMMENTS.length]!,
        submittedAt,
      });
    }
  }
  if (!pending) {
    await tx.insert(feedbackReveals).values(
      halves.map((h) => ({
        sessionId,
        half: h.half,
        revealedAt: new Date(lastSubmitted),
        reason: "both_submitted" as const,
      })),
    );
  }
}
