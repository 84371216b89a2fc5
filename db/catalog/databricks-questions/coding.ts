import type { QuestionDefinition } from "../question-types";

// The coding round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const coding: QuestionDefinition[] = [
  {
    slug: "merge-job-runtime-intervals",
    title: "Merge job runtime intervals",
    prompt:
      "Each batch job on a cluster reports the interval [start, end) during which it ran, in seconds. Given the intervals in no particular order, return the periods during which at least one job was running, as a sorted list of non-overlapping intervals. Intervals that touch (one ends exactly when another starts) merge into one.\n\nExample: [(1, 4), (2, 6), (8, 10), (10, 12), (15, 16)] -> [(1, 6), (8, 12), (15, 16)].\n\nConstraints: up to 100,000 intervals; 0 <= start < end <= 10^9.",
    followUps: [
      "Also return the total busy time and the longest idle gap between busy periods.",
      "What is the maximum number of jobs running at the same moment?",
      "Intervals now arrive one at a time and you must keep the merged list current. Which data structure do you use?",
    ],
    hints: [
      "Sorting by start time makes every overlap adjacent.",
      "Compare each interval only with the last merged one.",
    ],
    goodAnswerL4:
      "Sorts by start, walks once extending the last merged interval when the next start is at most its end, and appends otherwise. Handles touching intervals and an empty input, states O(n log n) time, and answers the concurrency follow-up with a sweep over +1/-1 events.",
    goodAnswerL6:
      "Produces the same solution with tidy helpers and tests, then designs the incremental version with a balanced tree or sorted container keyed by start, explains its O(log n) amortised cost, and discusses doing the merge per node in a distributed setting before combining.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["intervals", "sorting"],
  },
  {
    slug: "job-dependency-order",
    title: "Run order for dependent jobs",
    prompt:
      'You are given a list of job names and a list of dependencies (a, b), meaning job a must finish before job b starts. Return an order in which all jobs can run. Whenever several jobs are ready, run the alphabetically smallest first so the answer is unique. If the dependencies contain a cycle, raise an error that names the jobs that could not be scheduled.\n\nExample: jobs = ["extract", "clean", "features", "train", "report"], deps = [("extract", "clean"), ("clean", "features"), ("features", "train"), ("clean", "report")] -> ["extract", "clean", "features", "report", "train"].\n\nConstraints: up to 100,000 jobs and 200,000 dependencies; a dependency may mention a job that is missing from the list, which is also an error.',
    followUps: [
      "Each job has a duration and unlimited workers are available. What is the earliest time everything finishes?",
      "With only W workers, how would you schedule, and is your approach optimal?",
      "A job fails halfway through. Which jobs must be rerun?",
    ],
    hints: [
      "Count incoming dependencies for every job; jobs with a count of zero are ready.",
      "A min-heap of ready jobs gives the alphabetical tie-break.",
      "If you finish with fewer jobs than you started with, the rest are on or behind a cycle.",
    ],
    goodAnswerL4:
      "Implements Kahn's algorithm with in-degree counts and a min-heap of ready jobs, detects a cycle by comparing the output length with the job count, and validates unknown names. States O((V + E) log V) time and tests an empty graph and a two-job cycle.",
    goodAnswerL6:
      "Writes the same cleanly, then computes the critical path for the unlimited-workers case with a longest-path pass over the topological order, explains that the W-worker case is NP-hard in general and proposes list scheduling by critical path, and finds the rerun set with a forward traversal from the failed job.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["graphs", "topological-sort"],
  },
  {
    slug: "kth-largest-stream",
    title: "k-th largest latency in a stream",
    prompt:
      "Implement a class KthLargest(k, initial) whose method add(value) records a new job latency and returns the k-th largest value seen so far, or None while fewer than k values have been seen. Duplicates count separately.\n\nExample: k = 2, initial = [30, 12, 45]; add(20) -> 30, add(50) -> 45, add(40) -> 45, add(60) -> 50.\n\nConstraints: up to 100,000 calls to add; 1 <= k <= 10,000; each call should cost O(log k).",
    followUps: [
      "Now values also expire after a fixed time window. How do you support that?",
      "How would you answer the same question over values spread across 100 machines?",
      "What if you only need an approximate 99th percentile instead of an exact k-th value?",
    ],
    hints: [
      "You only ever need to remember the k largest values.",
      "A min-heap of size k keeps the answer at its top.",
    ],
    goodAnswerL4:
      "Keeps a min-heap capped at k: pushes each value, pops when the size exceeds k, and returns the top once the heap is full. Handles an initial list shorter than k, states O(log k) per add and O(k) memory.",
    goodAnswerL6:
      "Delivers the heap quickly, then handles expiry with lazy deletion or an order-statistics structure, merges per-machine top-k lists for the distributed case, and suggests a mergeable quantile sketch when an approximate percentile is acceptable, with its error bounds.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["heaps", "streaming"],
  },
  {
    slug: "randomized-set",
    title: "Set with constant-time random sampling",
    prompt:
      "Design a class RandomizedSet with insert(value) -> bool (False if already present), remove(value) -> bool (False if absent) and get_random() -> value, which returns each current element with equal probability. All three must run in average O(1) time.\n\nExample: insert(7) -> True, insert(7) -> False, insert(3) -> True, remove(7) -> True, get_random() -> 3, remove(9) -> False.\n\nConstraints: up to 200,000 calls in total; get_random is only called when the set is non-empty.",
    followUps: [
      "Allow duplicates, so that get_random returns a value with probability proportional to its count.",
      "How would you make the class safe to use from several threads?",
      "How would you sample k distinct elements at once?",
    ],
    hints: [
      "A list gives O(1) random access; a dictionary gives O(1) lookup. Use both.",
      "To delete from the middle of a list in O(1), swap the element with the last one first.",
    ],
    goodAnswerL4:
      "Stores values in a list plus a dict from value to index; removal moves the last element into the removed slot, updates its index and pops. Covers removing the last element itself and explains why each operation is O(1) on average.",
    goodAnswerL6:
      "Implements the same crisply and extends it to a multiset with a dict of index sets, discusses locking granularity or a single-writer design for concurrency, and explains sampling without replacement by partial shuffling.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["hash-maps", "design"],
  },
  {
    slug: "auc-from-scores",
    title: "ROC AUC from scores and labels",
    prompt:
      "Without any library, write auc(pairs) where pairs is a list of (score, label) with label 0 or 1. Return the probability that a randomly chosen positive has a higher score than a randomly chosen negative, counting a tie as one half. If there are no positives or no negatives, return None.\n\nExamples:\n- [(0.9, 1), (0.8, 0), (0.7, 1), (0.1, 0)] -> 0.75\n- [(0.5, 1), (0.5, 0)] -> 0.5\n- [(0.3, 1), (0.6, 1)] -> None\n\nConstraints: up to 1,000,000 pairs, so comparing every positive with every negative is too slow; target O(n log n).",
    followUps: [
      "Explain why your tie handling gives exactly the pairwise definition.",
      "How would you compute this over a table of a billion predictions in Spark?",
      "When is AUC the wrong metric to report for a model?",
    ],
    hints: [
      "Sort by score; a positive beats every negative ranked below it.",
      "Process groups of equal scores together and give each cross pair inside a group half credit.",
      "The rank-sum formulation with average ranks for ties is equivalent.",
    ],
    goodAnswerL4:
      "Sorts by score, walks groups of equal scores keeping a running count of negatives seen below, adds positives times negatives-below plus half of positives times negatives within the group, and divides by positives times negatives. Returns None for degenerate inputs and checks all three examples.",
    goodAnswerL6:
      "Gives the same O(n log n) solution with a proof sketch of the tie rule, then computes it at scale by bucketing scores and summing per-bucket counts across partitions, notes the approximation that introduces, and explains when precision-recall or calibration metrics matter more, such as heavy class imbalance.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["ml-adjacent", "sorting"],
  },
  {
    slug: "sliding-window-rate-limiter",
    title: "Per-client sliding-window rate limiter",
    prompt:
      'Implement a RateLimiter(limit, window_ms) with allow(client_id, now_ms) -> bool. A request is allowed if fewer than limit accepted requests from the same client have timestamps in the half-open range (now_ms - window_ms, now_ms]. Rejected requests do not count. Calls arrive with non-decreasing timestamps.\n\nExample: limit = 3, window_ms = 1000, client "a" at 0, 100, 200 -> True, True, True; at 300 -> False; at 1000 -> True (the request at 0 has left the window).\n\nConstraints: up to 1,000,000 calls and 100,000 clients; memory per client should be O(limit), and idle clients must not leak memory forever.',
    followUps: [
      "Trade exactness for memory: how does a sliding-window counter or a token bucket compare?",
      "The limiter now runs on 20 API servers behind a load balancer. How do they share state?",
      "How do you evict clients that have gone quiet?",
    ],
    hints: [
      "Keep a queue of accepted timestamps per client and drop the ones that have fallen out of the window.",
      "The boundary is exclusive on the old side: a request exactly window_ms old no longer counts.",
    ],
    goodAnswerL4:
      "Uses a dict of deques of accepted timestamps, pops from the left while the oldest is at or before now - window_ms, and accepts when the length is below the limit. Gets the boundary right, states amortised O(1) per call and adds periodic cleanup of empty deques.",
    goodAnswerL6:
      "Writes the exact version, then compares a token bucket and a two-counter approximation on memory and burst behaviour, designs a shared limiter with a central store and atomic scripts or local buckets with periodic synchronisation, and discusses clock skew and failing open versus closed.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["rate-limiting", "design", "queues"],
  },
  {
    slug: "frequent-error-sequences",
    title: "Most frequent error sequences in a log stream",
    prompt:
      "You receive an ordered stream of (host, error_code) events. For each host, look at the sequence of codes that host emitted, and count every run of three consecutive codes. Return the k most frequent three-code sequences across all hosts with their counts, most frequent first and ties broken by lexicographic order of the sequence.\n\nExample: events = [(h1, E1), (h1, E2), (h2, E1), (h1, E3), (h2, E2), (h1, E1), (h2, E3), (h1, E2)], k = 2 -> [((E1, E2, E3), 2), ((E2, E3, E1), 1)].\n\nConstraints: up to 10 million events and 10,000 hosts; process the events in a single pass without storing them all.",
    followUps: [
      "Make the sequence length L a parameter. What is the memory cost per host?",
      "The number of distinct sequences no longer fits in memory. What do you do?",
      "How would you compute this as a Spark job over a day of logs?",
    ],
    hints: [
      "Per host you only need the last two codes to form the next triple.",
      "Count triples in a dictionary and select the top k at the end with a heap.",
    ],
    goodAnswerL4:
      "Keeps a small deque of the last two codes per host, increments a counter for each completed triple, and uses heapq.nsmallest with a key of (-count, sequence) for the top k. Verifies the example, states O(n + m log k) time for m distinct triples.",
    goodAnswerL6:
      "Generalises to length L with per-host deques of L - 1, bounds memory with a heavy-hitters sketch such as count-min plus a top-k heap and explains its error, and sketches the Spark version using a window partitioned by host and ordered by time, then a grouped count.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["hash-maps", "streaming", "heaps"],
  },
  {
    slug: "spark-feature-transform",
    title: "A feature transform as a Spark UDF",
    prompt:
      'A transactions DataFrame has columns user_id, amount (double, may be null) and merchant_category (free text). Write a PySpark transform that adds two columns: amount_bucket = floor(log10(amount + 1)) capped at 6, or -1 when amount is null; and category_norm = merchant_category trimmed, lowercased, with internal runs of whitespace collapsed to one space. First write it with a Python UDF, then without one.\n\nExample: amounts 0, 9, 99.5, 5e9 and null -> buckets 0, 1, 2, 6 and -1; "  Grocery   Stores " -> "grocery stores".\n\nConstraints: the table has about two billion rows and the transform runs daily.',
    followUps: [
      "Why is the version without a UDF usually much faster?",
      "When would a vectorised pandas UDF be the right choice?",
      "How do you unit-test this transform without a cluster?",
    ],
    hints: [
      "Built-in column functions such as log10, floor, least, when, trim, lower and regexp_replace cover everything here.",
      "Python UDFs move every row between the JVM and a Python worker.",
    ],
    goodAnswerL4:
      "Writes a correct row-wise UDF with explicit null handling and a declared return type, then the same with when/otherwise, floor, log10, least and regexp_replace. Explains that built-ins stay in the JVM and are visible to the optimiser, and tests with a small local DataFrame.",
    goodAnswerL6:
      "Produces both versions plus a pandas UDF alternative, explains serialisation overhead and what the optimiser can and cannot do with each, and discusses packaging the transform for reuse so training and serving compute it identically.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["spark", "ml-adjacent", "feature-engineering"],
  },
];
