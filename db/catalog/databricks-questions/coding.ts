import type { QuestionDefinition } from "../question-types";

// The coding round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7. Every question carries a Python
// exercise whose tests are plain JSON, so the room can run them in the browser; where an
// answer could come out in several orders or as a float, the prompt fixes the order or
// the rounding so that one answer is right.

export const coding: QuestionDefinition[] = [
  {
    slug: "merge-job-runtime-intervals",
    title: "Merge job runtime intervals",
    prompt:
      "Each batch job on a cluster reports the interval [start, end) during which it ran, in seconds. Write merge_intervals(intervals): given the intervals as a list of [start, end] pairs in no particular order, return the periods during which at least one job was running, as a list of non-overlapping [start, end] pairs sorted by start. Intervals that touch (one ends exactly when another starts) merge into one.\n\nExample: merge_intervals([[1, 4], [2, 6], [8, 10], [10, 12], [15, 16]]) -> [[1, 6], [8, 12], [15, 16]].\n\nConstraints: up to 100,000 intervals; 0 <= start < end <= 10^9.",
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
    exercise: {
      language: "python",
      entry: "merge_intervals",
      starter: `def merge_intervals(intervals):
    """Merge [start, end) intervals that overlap or touch.

    intervals: list of [start, end] pairs, in any order.
    Returns a list of [start, end] pairs sorted by start, none overlapping or touching.
    """
    raise NotImplementedError
`,
      reference: `def merge_intervals(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
`,
      examples: [
        {
          args: [
            [
              [1, 4],
              [2, 6],
              [8, 10],
              [10, 12],
              [15, 16],
            ],
          ],
          expected: [
            [1, 6],
            [8, 12],
            [15, 16],
          ],
        },
        {
          args: [
            [
              [5, 7],
              [1, 3],
            ],
          ],
          expected: [
            [1, 3],
            [5, 7],
          ],
        },
      ],
      hidden: [
        { args: [[]], expected: [] },
        {
          args: [
            [
              [1, 10],
              [2, 3],
              [4, 5],
            ],
          ],
          expected: [[1, 10]],
        },
        {
          args: [
            [
              [3, 4],
              [1, 2],
              [2, 3],
            ],
          ],
          expected: [[1, 4]],
        },
        { args: [[[0, 1]]], expected: [[0, 1]] },
      ],
    },
  },
  {
    slug: "job-dependency-order",
    title: "Run order for dependent jobs",
    prompt:
      'Write job_order(jobs, deps). jobs is a list of distinct job names; deps is a list of [a, b] pairs meaning job a must finish before job b starts (every name in deps appears in jobs; a pair may repeat). Return {"order": [...], "stuck": [...]}: order is a run order of every job that can run, and whenever several jobs are ready the alphabetically smallest runs first so the answer is unique; stuck lists, alphabetically, the jobs that can never run because they sit on a dependency cycle or wait on one.\n\nExample: job_order(["extract", "clean", "features", "train", "report"], [["extract", "clean"], ["clean", "features"], ["features", "train"], ["clean", "report"]]) -> {"order": ["extract", "clean", "features", "report", "train"], "stuck": []}.\n\nConstraints: up to 100,000 jobs and 200,000 dependencies.',
    followUps: [
      "Each job has a duration and unlimited workers are available. What is the earliest time everything finishes?",
      "With only W workers, how would you schedule, and is your approach optimal?",
      "A job fails halfway through. Which jobs must be rerun?",
    ],
    hints: [
      "Count incoming dependencies for every job; jobs with a count of zero are ready.",
      "A min-heap of ready jobs gives the alphabetical tie-break.",
      "Whatever never reaches a count of zero is on or behind a cycle.",
    ],
    goodAnswerL4:
      "Implements Kahn's algorithm with in-degree counts and a min-heap of ready jobs, and reports the jobs left over as stuck. Counts a repeated pair twice on both sides so it still balances, states O((V + E) log V) time and tests an empty graph, a self-dependency and a two-job cycle.",
    goodAnswerL6:
      "Writes the same cleanly, then computes the critical path for the unlimited-workers case with a longest-path pass over the topological order, explains that the W-worker case is NP-hard in general and proposes list scheduling by critical path, and finds the rerun set with a forward traversal from the failed job.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["graphs", "topological-sort", "heaps"],
    exercise: {
      language: "python",
      entry: "job_order",
      starter: `def job_order(jobs, deps):
    """Order jobs so that every dependency runs first.

    jobs: list of distinct job names.
    deps: list of [before, after] pairs; a pair may repeat.
    Returns {"order": [...], "stuck": [...]}: the run order (alphabetically smallest
    ready job first) and, sorted, the jobs that can never run because of a cycle.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def job_order(jobs, deps):
    followers = {job: [] for job in jobs}
    waiting_on = {job: 0 for job in jobs}
    for before, after in deps:
        followers[before].append(after)
        waiting_on[after] += 1
    ready = [job for job in jobs if waiting_on[job] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        job = heapq.heappop(ready)
        order.append(job)
        for follower in followers[job]:
            waiting_on[follower] -= 1
            if waiting_on[follower] == 0:
                heapq.heappush(ready, follower)
    done = set(order)
    stuck = sorted(job for job in jobs if job not in done)
    return {"order": order, "stuck": stuck}
`,
      examples: [
        {
          args: [
            ["extract", "clean", "features", "train", "report"],
            [
              ["extract", "clean"],
              ["clean", "features"],
              ["features", "train"],
              ["clean", "report"],
            ],
          ],
          expected: { order: ["extract", "clean", "features", "report", "train"], stuck: [] },
        },
        {
          args: [
            ["a", "b", "c", "d"],
            [
              ["a", "b"],
              ["b", "c"],
              ["c", "b"],
            ],
          ],
          expected: { order: ["a", "d"], stuck: ["b", "c"] },
        },
      ],
      hidden: [
        { args: [[], []], expected: { order: [], stuck: [] } },
        {
          args: [
            ["y", "x"],
            [
              ["x", "y"],
              ["x", "y"],
            ],
          ],
          expected: { order: ["x", "y"], stuck: [] },
        },
        {
          args: [
            ["solo", "z", "after"],
            [
              ["solo", "solo"],
              ["solo", "z"],
            ],
          ],
          expected: { order: ["after"], stuck: ["solo", "z"] },
        },
        {
          args: [
            ["d", "c", "b", "a"],
            [
              ["a", "c"],
              ["a", "b"],
              ["b", "d"],
              ["c", "d"],
            ],
          ],
          expected: { order: ["a", "b", "c", "d"], stuck: [] },
        },
      ],
    },
  },
  {
    slug: "kth-largest-stream",
    title: "k-th largest latency in a stream",
    prompt:
      "Job latencies arrive one at a time. Write kth_largest_stream(k, initial, additions): start from the values in initial, then record each value of additions in turn, and after each one report the k-th largest value seen so far, or None while fewer than k values have been seen. Duplicates count separately. Return the list of reports, one per addition.\n\nExample: kth_largest_stream(2, [30, 12, 45], [20, 50, 40, 60]) -> [30, 45, 45, 50].\n\nConstraints: up to 100,000 additions; 1 <= k <= 10,000; each addition should cost O(log k).",
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
      "Keeps a min-heap capped at k: pushes each value while the heap is short, replaces the top when a larger value arrives, and reports the top once the heap is full. Handles an initial list shorter than k, states O(log k) per addition and O(k) memory.",
    goodAnswerL6:
      "Delivers the heap quickly, then handles expiry with lazy deletion or an order-statistics structure, merges per-machine top-k lists for the distributed case, and suggests a mergeable quantile sketch when an approximate percentile is acceptable, with its error bounds.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["heaps", "streaming"],
    exercise: {
      language: "python",
      entry: "kth_largest_stream",
      starter: `def kth_largest_stream(k, initial, additions):
    """Report the k-th largest value after each addition.

    k: int >= 1; initial: list of numbers seen before the stream starts;
    additions: list of numbers arriving one at a time.
    Returns one entry per addition: the k-th largest so far, or None if fewer than k.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def kth_largest_stream(k, initial, additions):
    top = []  # min-heap of the k largest values seen

    def record(value):
        if len(top) < k:
            heapq.heappush(top, value)
        elif value > top[0]:
            heapq.heapreplace(top, value)

    for value in initial:
        record(value)
    reports = []
    for value in additions:
        record(value)
        reports.append(top[0] if len(top) == k else None)
    return reports
`,
      examples: [
        { args: [2, [30, 12, 45], [20, 50, 40, 60]], expected: [30, 45, 45, 50] },
        { args: [3, [5], [1, 7, 7, 2]], expected: [null, 1, 5, 5] },
      ],
      hidden: [
        { args: [1, [], [3, 1, 4]], expected: [3, 3, 4] },
        { args: [2, [], []], expected: [] },
        { args: [2, [-5, -5], [-10, -1]], expected: [-5, -5] },
        { args: [4, [1, 2, 3, 4, 5, 6], [0]], expected: [3] },
      ],
    },
  },
  {
    slug: "randomized-set",
    title: "Set with constant-time random sampling",
    prompt:
      'Design a set of integers with insert(value) -> bool (False if already present), remove(value) -> bool (False if absent) and get_random(), which returns each current element with equal probability; all three in average O(1) time. To make the randomness testable, get_random is replaced by pick(r): the caller supplies a random integer r >= 0 and you return the element at index r mod n of a dense backing array of the n elements, where insert appends to the end and remove moves the last element into the removed element\'s slot.\n\nWrite randomized_set_replay(operations) that replays a list of operations, each ["insert", v], ["remove", v] or ["pick", r], on an empty set and returns the list of their results.\n\nExample: randomized_set_replay([["insert", 7], ["insert", 7], ["insert", 3], ["remove", 7], ["pick", 5], ["remove", 9]]) -> [True, False, True, True, 3, False].\n\nConstraints: up to 200,000 operations; pick is only called when the set is non-empty.',
    followUps: [
      "Allow duplicates, so that get_random returns a value with probability proportional to its count.",
      "How would you make the structure safe to use from several threads?",
      "How would you sample k distinct elements at once?",
    ],
    hints: [
      "A list gives O(1) random access; a dictionary gives O(1) lookup. Use both.",
      "To delete from the middle of a list in O(1), move the last element into the hole first.",
    ],
    goodAnswerL4:
      "Stores values in a list plus a dict from value to index; removal moves the last element into the removed slot, updates its index and pops. Covers removing the last element itself and explains why each operation is O(1) on average.",
    goodAnswerL6:
      "Implements the same crisply and extends it to a multiset with a dict of index sets, discusses locking granularity or a single-writer design for concurrency, and explains sampling without replacement by partial shuffling.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["hash-maps", "design"],
    exercise: {
      language: "python",
      entry: "randomized_set_replay",
      starter: `def randomized_set_replay(operations):
    """Replay operations on an empty set with O(1) insert, remove and pick.

    operations: list of ["insert", v], ["remove", v] or ["pick", r].
    insert/remove return True or False; pick returns the element at index
    r % n of the dense backing array (insert appends; remove moves the last
    element into the freed slot).
    Returns the list of results, one per operation.
    """
    raise NotImplementedError
`,
      reference: `def randomized_set_replay(operations):
    slots = []
    index_of = {}
    results = []
    for name, argument in operations:
        if name == "insert":
            if argument in index_of:
                results.append(False)
            else:
                index_of[argument] = len(slots)
                slots.append(argument)
                results.append(True)
        elif name == "remove":
            if argument not in index_of:
                results.append(False)
                continue
            hole = index_of.pop(argument)
            last = slots.pop()
            if hole < len(slots):
                slots[hole] = last
                index_of[last] = hole
            results.append(True)
        elif name == "pick":
            results.append(slots[argument % len(slots)])
        else:
            raise ValueError("unknown operation: " + str(name))
    return results
`,
      examples: [
        {
          args: [
            [
              ["insert", 7],
              ["insert", 7],
              ["insert", 3],
              ["remove", 7],
              ["pick", 5],
              ["remove", 9],
            ],
          ],
          expected: [true, false, true, true, 3, false],
        },
        {
          args: [
            [
              ["insert", 1],
              ["insert", 2],
              ["insert", 3],
              ["remove", 1],
              ["pick", 0],
              ["pick", 1],
              ["pick", 2],
            ],
          ],
          expected: [true, true, true, true, 3, 2, 3],
        },
      ],
      hidden: [
        {
          args: [
            [
              ["insert", 4],
              ["insert", 5],
              ["remove", 5],
              ["pick", 1],
              ["insert", 5],
              ["pick", 1],
            ],
          ],
          expected: [true, true, true, 4, true, 5],
        },
        {
          args: [
            [
              ["insert", 1],
              ["remove", 1],
              ["remove", 1],
              ["insert", 1],
              ["pick", 9],
            ],
          ],
          expected: [true, true, false, true, 1],
        },
        {
          args: [
            [
              ["insert", -1],
              ["insert", 0],
              ["insert", 8],
              ["remove", -1],
              ["pick", 0],
              ["remove", 0],
              ["insert", -1],
              ["pick", 3],
            ],
          ],
          expected: [true, true, true, true, 8, true, true, -1],
        },
      ],
    },
  },
  {
    slug: "auc-from-scores",
    title: "ROC AUC from scores and labels",
    prompt:
      "Without any library, write auc(pairs) where pairs is a list of [score, label] with label 0 or 1. Return the probability that a randomly chosen positive has a higher score than a randomly chosen negative, counting a tie as one half, rounded to 4 decimals. If there are no positives or no negatives, return None.\n\nExamples:\n- auc([[0.9, 1], [0.8, 0], [0.7, 1], [0.1, 0]]) -> 0.75\n- auc([[0.5, 1], [0.5, 0]]) -> 0.5\n- auc([[0.3, 1], [0.6, 1]]) -> None\n\nConstraints: up to 1,000,000 pairs, so comparing every positive with every negative is too slow; target O(n log n).",
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
    exercise: {
      language: "python",
      entry: "auc",
      starter: `def auc(pairs):
    """ROC AUC from [score, label] pairs, ties counted as one half.

    pairs: list of [score, label] with label 0 or 1.
    Returns the AUC rounded to 4 decimals, or None without both classes.
    """
    raise NotImplementedError
`,
      reference: `def auc(pairs):
    positives = sum(1 for _, label in pairs if label == 1)
    negatives = len(pairs) - positives
    if positives == 0 or negatives == 0:
        return None
    ordered = sorted(pairs, key=lambda pair: pair[0])
    wins = 0.0
    negatives_below = 0
    i = 0
    while i < len(ordered):
        j = i
        positives_here = negatives_here = 0
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            if ordered[j][1] == 1:
                positives_here += 1
            else:
                negatives_here += 1
            j += 1
        wins += positives_here * negatives_below + 0.5 * positives_here * negatives_here
        negatives_below += negatives_here
        i = j
    return round(wins / (positives * negatives), 4)
`,
      examples: [
        {
          args: [
            [
              [0.9, 1],
              [0.8, 0],
              [0.7, 1],
              [0.1, 0],
            ],
          ],
          expected: 0.75,
        },
        {
          args: [
            [
              [0.5, 1],
              [0.5, 0],
            ],
          ],
          expected: 0.5,
        },
        {
          args: [
            [
              [0.3, 1],
              [0.6, 1],
            ],
          ],
          expected: null,
        },
      ],
      hidden: [
        {
          args: [
            [
              [0.5, 1],
              [0.5, 0],
              [0.7, 1],
              [0.1, 0],
              [0.9, 0],
            ],
          ],
          expected: 0.5833,
        },
        { args: [[[0.2, 0]]], expected: null },
        { args: [[]], expected: null },
        {
          args: [
            [
              [1, 1],
              [2, 0],
              [3, 1],
            ],
          ],
          expected: 0.5,
        },
        {
          args: [
            [
              [0.4, 0],
              [0.4, 0],
              [0.4, 1],
              [0.8, 1],
              [0.2, 0],
            ],
          ],
          expected: 0.8333,
        },
      ],
    },
  },
  {
    slug: "sliding-window-rate-limiter",
    title: "Per-client sliding-window rate limiter",
    prompt:
      'Write rate_limit(limit, window_ms, requests). requests is a list of [client_id, now_ms] pairs with non-decreasing timestamps. A request is allowed if fewer than limit accepted requests from the same client have timestamps in the half-open range (now_ms - window_ms, now_ms]; rejected requests do not count. Return a list of booleans, one per request.\n\nExample: rate_limit(3, 1000, [["a", 0], ["a", 100], ["a", 200], ["a", 300], ["a", 1000]]) -> [True, True, True, False, True] (at 1000 the request at 0 has left the window).\n\nConstraints: up to 1,000,000 requests and 100,000 clients; memory per client should be O(limit), and idle clients must not leak memory forever.',
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
    topics: ["rate-limiting", "sliding-window", "queues"],
    exercise: {
      language: "python",
      entry: "rate_limit",
      starter: `def rate_limit(limit, window_ms, requests):
    """Decide, per request, whether a sliding-window limiter lets it through.

    limit: max accepted requests per client in any window.
    window_ms: window length; the window at time t is (t - window_ms, t].
    requests: list of [client_id, now_ms], timestamps non-decreasing.
    Returns a list of booleans, one per request.
    """
    raise NotImplementedError
`,
      reference: `from collections import deque


def rate_limit(limit, window_ms, requests):
    accepted = {}  # client -> deque of accepted timestamps inside the window
    decisions = []
    for client, now in requests:
        recent = accepted.setdefault(client, deque())
        while recent and recent[0] <= now - window_ms:
            recent.popleft()
        allowed = len(recent) < limit
        if allowed:
            recent.append(now)
        decisions.append(allowed)
    return decisions
`,
      examples: [
        {
          args: [
            3,
            1000,
            [
              ["a", 0],
              ["a", 100],
              ["a", 200],
              ["a", 300],
              ["a", 1000],
            ],
          ],
          expected: [true, true, true, false, true],
        },
        {
          args: [
            1,
            500,
            [
              ["a", 0],
              ["b", 0],
              ["a", 499],
              ["a", 500],
            ],
          ],
          expected: [true, true, false, true],
        },
      ],
      hidden: [
        {
          args: [
            2,
            100,
            [
              ["x", 0],
              ["x", 50],
              ["x", 60],
              ["x", 99],
              ["x", 100],
              ["x", 150],
            ],
          ],
          expected: [true, true, false, false, true, true],
        },
        { args: [5, 10, []], expected: [] },
        {
          args: [
            2,
            10,
            [
              ["c", 5],
              ["c", 5],
              ["c", 5],
              ["c", 15],
              ["c", 15],
              ["c", 16],
            ],
          ],
          expected: [true, true, false, true, true, false],
        },
      ],
    },
  },
  {
    slug: "frequent-error-sequences",
    title: "Most frequent error sequences in a log stream",
    prompt:
      'Write top_error_sequences(events, k). events is an ordered stream of [host, error_code] pairs. For each host, look at the sequence of codes that host emitted and count every run of three consecutive codes. Return the k most frequent three-code sequences across all hosts as a list of [[code1, code2, code3], count], most frequent first, ties broken by the lexicographic order of the sequence.\n\nExample: top_error_sequences([["h1", "E1"], ["h1", "E2"], ["h2", "E1"], ["h1", "E3"], ["h2", "E2"], ["h1", "E1"], ["h2", "E3"], ["h1", "E2"]], 2) -> [[["E1", "E2", "E3"], 2], [["E2", "E3", "E1"], 1]].\n\nConstraints: up to 10 million events and 10,000 hosts; process the events in a single pass without storing them all.',
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
      "Keeps a small deque of the last codes per host, increments a counter for each completed triple, and uses heapq.nsmallest with a key of (-count, sequence) for the top k. Verifies the example, states O(n + m log k) time for m distinct triples.",
    goodAnswerL6:
      "Generalises to length L with per-host deques of L - 1, bounds memory with a heavy-hitters sketch such as count-min plus a top-k heap and explains its error, and sketches the Spark version using a window partitioned by host and ordered by time, then a grouped count.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["hash-maps", "streaming", "heaps"],
    exercise: {
      language: "python",
      entry: "top_error_sequences",
      starter: `def top_error_sequences(events, k):
    """The k most frequent runs of three consecutive codes per host.

    events: ordered list of [host, error_code].
    Returns [[[c1, c2, c3], count], ...], highest count first, ties by sequence.
    """
    raise NotImplementedError
`,
      reference: `import heapq
from collections import Counter, deque


def top_error_sequences(events, k):
    recent_codes = {}  # host -> its last three codes
    counts = Counter()
    for host, code in events:
        recent = recent_codes.setdefault(host, deque(maxlen=3))
        recent.append(code)
        if len(recent) == 3:
            counts[tuple(recent)] += 1
    best = heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
    return [[list(sequence), count] for sequence, count in best]
`,
      examples: [
        {
          args: [
            [
              ["h1", "E1"],
              ["h1", "E2"],
              ["h2", "E1"],
              ["h1", "E3"],
              ["h2", "E2"],
              ["h1", "E1"],
              ["h2", "E3"],
              ["h1", "E2"],
            ],
            2,
          ],
          expected: [
            [["E1", "E2", "E3"], 2],
            [["E2", "E3", "E1"], 1],
          ],
        },
        {
          args: [
            [
              ["a", "X"],
              ["a", "X"],
              ["a", "X"],
              ["a", "X"],
            ],
            5,
          ],
          expected: [[["X", "X", "X"], 2]],
        },
      ],
      hidden: [
        {
          args: [
            [
              ["a", "E1"],
              ["b", "E1"],
              ["a", "E2"],
            ],
            3,
          ],
          expected: [],
        },
        {
          args: [
            [
              ["a", "B"],
              ["b", "A"],
              ["a", "A"],
              ["b", "B"],
              ["a", "C"],
              ["b", "C"],
            ],
            1,
          ],
          expected: [[["A", "B", "C"], 1]],
        },
        {
          args: [
            [
              ["a", "E1"],
              ["a", "E2"],
              ["a", "E3"],
            ],
            0,
          ],
          expected: [],
        },
        {
          args: [
            [
              ["h", "P"],
              ["h", "Q"],
              ["h", "P"],
              ["h", "Q"],
              ["h", "P"],
              ["g", "Q"],
              ["g", "P"],
              ["g", "Q"],
            ],
            3,
          ],
          expected: [
            [["P", "Q", "P"], 2],
            [["Q", "P", "Q"], 2],
          ],
        },
      ],
    },
  },
  {
    slug: "spark-feature-transform",
    title: "A feature transform, row by row and as Spark columns",
    prompt:
      'A transactions table has columns amount (a non-negative number, or null) and merchant_category (free text, or null). Two features are derived from them: amount_bucket = floor(log10(amount + 1)) capped at 6, or -1 when amount is null; and category_norm = merchant_category trimmed, lowercased, with every internal run of whitespace collapsed to one space, or "" when it is null.\n\nFirst write the row-level logic in plain Python as feature_rows(rows): rows is a list of [amount, merchant_category] pairs; return a list of [amount_bucket, category_norm] pairs in the same order. Then explain how you would express the transform in PySpark, first as a Python UDF and then with built-in column functions only.\n\nExample: feature_rows([[0, "  Grocery   Stores "], [9, "Fuel"], [99.5, None], [5000000000, "TRAVEL Air"], [None, "x"]]) -> [[0, "grocery stores"], [1, "fuel"], [2, ""], [6, "travel air"], [-1, "x"]].\n\nConstraints: in production the table has about two billion rows and the transform runs daily.',
    followUps: [
      "Why is the version without a UDF usually much faster?",
      "When would a vectorised pandas UDF be the right choice?",
      "How do you make sure training and serving compute exactly the same feature?",
    ],
    hints: [
      "Built-in column functions such as log10, floor, least, when, trim, lower and regexp_replace cover everything here.",
      "Python's str.split() with no argument already splits on any run of whitespace and drops the ends.",
      "Python UDFs move every row between the JVM and a Python worker.",
    ],
    goodAnswerL4:
      "Writes the row function with explicit null handling and the cap, normalises text with split and join, then the same logic with when/otherwise, floor, log10, least and regexp_replace. Explains that built-ins stay in the JVM and are visible to the optimiser, and tests with a small local DataFrame.",
    goodAnswerL6:
      "Produces the row function, both Spark versions and a pandas UDF alternative, explains serialisation overhead and what the optimiser can and cannot do with each, notes floating-point edges of log10 at powers of ten, and discusses packaging the transform for reuse so training and serving compute it identically.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["spark", "ml-adjacent", "feature-engineering"],
    exercise: {
      language: "python",
      entry: "feature_rows",
      starter: `def feature_rows(rows):
    """Derive [amount_bucket, category_norm] for each [amount, merchant_category] row.

    amount_bucket: floor(log10(amount + 1)) capped at 6, or -1 when amount is None.
    category_norm: trimmed, lowercased, whitespace runs collapsed; "" when None.
    """
    raise NotImplementedError
`,
      reference: `import math

MAX_BUCKET = 6


def amount_bucket(amount):
    if amount is None:
        return -1
    return min(MAX_BUCKET, math.floor(math.log10(amount + 1)))


def normalise_category(category):
    if category is None:
        return ""
    return " ".join(category.lower().split())


def feature_rows(rows):
    return [[amount_bucket(amount), normalise_category(category)] for amount, category in rows]
`,
      examples: [
        {
          args: [
            [
              [0, "  Grocery   Stores "],
              [9, "Fuel"],
              [99.5, null],
              [5000000000, "TRAVEL Air"],
              [null, "x"],
            ],
          ],
          expected: [
            [0, "grocery stores"],
            [1, "fuel"],
            [2, ""],
            [6, "travel air"],
            [-1, "x"],
          ],
        },
        {
          args: [
            [
              [999, "Books"],
              [1000000, " a  b "],
            ],
          ],
          expected: [
            [3, "books"],
            [6, "a b"],
          ],
        },
      ],
      hidden: [
        { args: [[]], expected: [] },
        { args: [[[null, null]]], expected: [[-1, ""]] },
        {
          args: [
            [
              [0.5, "   "],
              [99999, "MiXeD\tCase"],
            ],
          ],
          expected: [
            [0, ""],
            [5, "mixed case"],
          ],
        },
        { args: [[[98.99, "Travel\n\nAir"]]], expected: [[1, "travel air"]] },
      ],
    },
  },
  {
    slug: "preorder-to-level-order",
    title: "Re-encode a serialized tree",
    prompt:
      "A service stores binary trees of integers as preorder lists: the root's value, then its left subtree, then its right subtree, with None standing for every missing child. Another service expects level-order lists: nodes level by level from left to right, None for each missing child of a present node, and trailing Nones removed.\n\nWrite preorder_to_level_order(preorder) that converts the first encoding into the second. The empty tree is [None] (or []) in preorder and [] in level order.\n\nExample: preorder_to_level_order([1, 2, None, None, 3, 4, None, None, 5, None, None]) -> [1, 2, 3, None, None, 4, 5].\n\nConstraints: up to 10,000 nodes; values may be negative; the tree may be a single long chain, so deep recursion is not safe.",
    followUps: [
      "Go the other way: level order back to preorder.",
      "How much smaller can the encoding get if the tree is known to be complete, or a binary search tree?",
      "How would you check that a preorder list is well formed without building the tree?",
    ],
    hints: [
      "When reading preorder, keep a stack of nodes whose children are still to be filled.",
      "Level order is a breadth-first walk with a queue that also enqueues the missing children.",
      "A chain of 10,000 nodes exceeds Python's default recursion limit.",
    ],
    goodAnswerL4:
      "Parses the preorder list with an index and a stack (or recursion with a raised limit), then runs a BFS that emits None for missing children and trims the trailing Nones. Handles the empty tree and states O(n) time and space.",
    goodAnswerL6:
      "Writes both halves iteratively from the start and explains why, validates malformed input with a slot-counting argument (every value opens two slots, every token fills one), compares the two encodings on size and streaming friendliness, and tests a long chain.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["trees", "serialization", "bfs"],
    exercise: {
      language: "python",
      entry: "preorder_to_level_order",
      starter: `def preorder_to_level_order(preorder):
    """Convert a preorder tree encoding (None for each missing child) to level order.

    preorder: list of ints and Nones, e.g. [1, 2, None, None, 3, None, None].
    Returns the level-order list with None for missing children of present
    nodes and trailing Nones removed; [] for the empty tree.
    """
    raise NotImplementedError
`,
      reference: `from collections import deque


def preorder_to_level_order(preorder):
    if not preorder or preorder[0] is None:
        return []
    root = [preorder[0], None, None]  # [value, left, right]
    open_slots = [[root, 1]]  # nodes still missing a child, and which slot comes next
    for value in preorder[1:]:
        entry = open_slots[-1]
        parent, slot = entry
        child = None if value is None else [value, None, None]
        parent[slot] = child
        if slot == 1:
            entry[1] = 2
        else:
            open_slots.pop()
        if child is not None:
            open_slots.append([child, 1])
    level_order = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            level_order.append(None)
            continue
        level_order.append(node[0])
        queue.append(node[1])
        queue.append(node[2])
    while level_order and level_order[-1] is None:
        level_order.pop()
    return level_order
`,
      examples: [
        {
          args: [[1, 2, null, null, 3, 4, null, null, 5, null, null]],
          expected: [1, 2, 3, null, null, 4, 5],
        },
        { args: [[7, null, 8, null, null]], expected: [7, null, 8] },
      ],
      hidden: [
        { args: [[null]], expected: [] },
        { args: [[]], expected: [] },
        {
          args: [[-10, 20, 30, null, null, null, -40, null, null]],
          expected: [-10, 20, -40, 30],
        },
        { args: [leftChainPreorder(1200)], expected: leftChainLevelOrder(1200) },
      ],
    },
  },
  {
    slug: "tree-max-path-sum",
    title: "Heaviest path in a tree",
    prompt:
      "Write max_path_sum(tree). tree is a non-empty binary tree of integers in level-order encoding: nodes level by level from left to right, None for a missing child of a present node (trailing Nones may be left out). A path is any sequence of nodes where consecutive nodes are parent and child, each node used at most once; it need not pass through the root and may be a single node. Return the largest sum of values along any path.\n\nExamples:\n- max_path_sum([1, 2, 3]) -> 6\n- max_path_sum([-10, 9, 20, None, None, 15, 7]) -> 42 (15 -> 20 -> 7)\n\nConstraints: up to 100,000 nodes; values between -1000 and 1000; the tree may be very deep.",
    followUps: [
      "Return the path itself, not only its sum.",
      "The tree is a general tree where a node may have any number of children. What changes?",
      "How would you do this without recursion, and why might you need to?",
    ],
    hints: [
      "For each node, compute the best downward path that starts there; a negative one is better left out.",
      "The best path that bends at a node is its value plus the best non-negative downward path on each side.",
      "Processing nodes in reverse breadth-first order visits every child before its parent.",
    ],
    goodAnswerL4:
      "Builds the tree from the level-order list, then a post-order pass returning the best downward gain (clamped at zero for children) while updating a global best with value + left + right. Gets all-negative trees right by starting the best at minus infinity, and states O(n).",
    goodAnswerL6:
      "Solves it iteratively (reverse BFS order or an explicit stack) because of the depth limit, reconstructs the path by remembering which child gave each gain, generalises to n-ary trees by taking the two best child gains, and tests single-node and all-negative cases.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["trees", "dynamic-programming"],
    exercise: {
      language: "python",
      entry: "max_path_sum",
      starter: `def max_path_sum(tree):
    """Largest sum along any parent-child path of a non-empty binary tree.

    tree: level-order list with None for missing children, e.g. [-10, 9, 20, None, None, 15, 7].
    Returns an int.
    """
    raise NotImplementedError
`,
      reference: `from collections import deque


def max_path_sum(tree):
    values = [tree[0]]
    left = [-1]
    right = [-1]
    parents = deque([0])
    position = 1
    while parents and position < len(tree):
        parent = parents.popleft()
        for children in (left, right):
            if position < len(tree) and tree[position] is not None:
                values.append(tree[position])
                left.append(-1)
                right.append(-1)
                children[parent] = len(values) - 1
                parents.append(len(values) - 1)
            position += 1
    # Nodes were numbered in breadth-first order, so walking the numbers backwards
    # meets every child before its parent and needs no recursion.
    gain = [0] * len(values)
    best = float("-inf")
    for node in reversed(range(len(values))):
        left_gain = max(gain[left[node]], 0) if left[node] >= 0 else 0
        right_gain = max(gain[right[node]], 0) if right[node] >= 0 else 0
        best = max(best, values[node] + left_gain + right_gain)
        gain[node] = values[node] + max(left_gain, right_gain)
    return best
`,
      examples: [
        { args: [[1, 2, 3]], expected: 6 },
        { args: [[-10, 9, 20, null, null, 15, 7]], expected: 42 },
      ],
      hidden: [
        { args: [[-3]], expected: -3 },
        { args: [[-2, -1]], expected: -1 },
        { args: [[2, -1]], expected: 2 },
        { args: [[5, 4, 8, 11, null, 13, 4, 7, 2, null, null, null, 1]], expected: 48 },
        { args: [[1, -2, 3]], expected: 4 },
      ],
    },
  },
  {
    slug: "largest-directories",
    title: "Largest directories in a file listing",
    prompt:
      'A storage bucket is listed as files with their sizes. Write largest_directories(files, k): files is a list of [path, size] with absolute paths such as "/data/day=1/part-0.parquet" (no trailing slash, each path listed once). The size of a directory is the total size of all files anywhere beneath it; the root "/" is a directory too, and a directory exists only if some file lies beneath it. Return the k largest directories as [path, size] pairs, largest first, ties broken by path in ascending order.\n\nExample: largest_directories([["/a/x.log", 100], ["/a/b/y.log", 50], ["/c/z.bin", 300]], 3) -> [["/", 450], ["/c", 300], ["/a", 150]].\n\nConstraints: up to 1,000,000 files; paths up to 20 levels deep.',
    followUps: [
      "Files are now added and deleted continuously. How do you keep the sizes current?",
      "The listing has ten billion files across many machines. How do you compute the answer?",
      "Would you build an explicit tree of directory nodes or use a flat dictionary? What does each make easy?",
    ],
    hints: [
      "Every file contributes its size to each of its ancestor directories.",
      "Build the ancestors from path components, not from string prefixes: /ab is not inside /a.",
    ],
    goodAnswerL4:
      "Splits each path into components, adds the size to the root and to every ancestor prefix in a dict, then sorts by (-size, path) or uses a heap for the top k. Avoids the string-prefix trap, handles files at the root and states O(total path depth + d log k).",
    goodAnswerL6:
      "Writes the same cleanly, discusses a directory tree with per-node totals for incremental updates (walk up on add or delete), distributes the count as a map of (ancestor, size) then a reduce by key, and notes the skew of the root key with a pre-aggregation step.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["trees", "hash-maps", "heaps"],
    exercise: {
      language: "python",
      entry: "largest_directories",
      starter: `def largest_directories(files, k):
    """The k largest directories by total size of the files beneath them.

    files: list of [absolute_path, size].
    Returns [[directory_path, total_size], ...], largest first, ties by path.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def largest_directories(files, k):
    totals = {}
    for path, size in files:
        components = path.split("/")[1:-1]  # drop the empty root part and the file name
        totals["/"] = totals.get("/", 0) + size
        for depth in range(1, len(components) + 1):
            directory = "/" + "/".join(components[:depth])
            totals[directory] = totals.get(directory, 0) + size
    largest = heapq.nsmallest(k, totals.items(), key=lambda item: (-item[1], item[0]))
    return [[directory, size] for directory, size in largest]
`,
      examples: [
        {
          args: [
            [
              ["/a/x.log", 100],
              ["/a/b/y.log", 50],
              ["/c/z.bin", 300],
            ],
            3,
          ],
          expected: [
            ["/", 450],
            ["/c", 300],
            ["/a", 150],
          ],
        },
        {
          args: [
            [
              ["/data/p1.parquet", 10],
              ["/data/p2.parquet", 10],
              ["/tmp/t", 20],
            ],
            2,
          ],
          expected: [
            ["/", 40],
            ["/data", 20],
          ],
        },
      ],
      hidden: [
        { args: [[], 3], expected: [] },
        { args: [[["/readme", 5]], 5], expected: [["/", 5]] },
        {
          args: [
            [
              ["/a/y", 1],
              ["/ab/x", 2],
            ],
            3,
          ],
          expected: [
            ["/", 3],
            ["/ab", 2],
            ["/a", 1],
          ],
        },
        {
          args: [
            [
              ["/a/b/c/d/e", 7],
              ["/a/b/x", 1],
              ["/z/empty", 0],
            ],
            10,
          ],
          expected: [
            ["/", 8],
            ["/a", 8],
            ["/a/b", 8],
            ["/a/b/c", 7],
            ["/a/b/c/d", 7],
            ["/z", 0],
          ],
        },
      ],
    },
  },
  {
    slug: "grid-path-with-wall-removals",
    title: "Shortest route when a few walls may be knocked down",
    prompt:
      'A warehouse robot moves on a grid given as a list of equal-length strings: "." is open floor and "#" is a wall. It starts at the top-left cell and must reach the bottom-right cell (both always open), moving up, down, left or right one cell per move. It may pass through at most k walls in total. Write shortest_path_with_removals(grid, k) returning the minimum number of moves, or -1 if the target cannot be reached.\n\nExample: shortest_path_with_removals(["...", "##.", "...", ".##", "..."], 1) -> 6.\n\nConstraints: the grid is at most 40 x 40 and 0 <= k <= 1600.',
    followUps: [
      "Walls now have a cost to remove and you want the cheapest route rather than the shortest. What changes?",
      "What is the complexity, and can a large k let you skip the search entirely?",
      "How would you return the route itself?",
    ],
    hints: [
      "The state is not just the cell: it is the cell plus how many walls you have used so far.",
      "Breadth-first search over those states finds the fewest moves because every move costs one.",
      "Arriving at a cell later and having used at least as many walls is never useful.",
    ],
    goodAnswerL4:
      "Runs BFS over (row, column, walls used) with a visited set of those states, counts levels as moves, and returns -1 when the queue empties. Handles the single-cell grid and states O(rows x cols x k).",
    goodAnswerL6:
      "Prunes with the fewest walls used per cell, short-circuits when k covers a Manhattan path, explains why the pruning keeps BFS correct, switches to Dijkstra or 0-1 BFS for weighted removal costs, and reconstructs the route with parent pointers keyed by state.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["graphs", "bfs", "grids"],
    exercise: {
      language: "python",
      entry: "shortest_path_with_removals",
      starter: `def shortest_path_with_removals(grid, k):
    """Fewest moves from the top-left to the bottom-right cell, passing at most k walls.

    grid: list of equal-length strings of "." (open) and "#" (wall).
    Returns the number of moves, or -1 if unreachable.
    """
    raise NotImplementedError
`,
      reference: `from collections import deque


def shortest_path_with_removals(grid, k):
    rows, cols = len(grid), len(grid[0])
    target = (rows - 1, cols - 1)
    if target == (0, 0):
        return 0
    if k >= rows + cols - 3:  # enough to walk straight through any monotone path
        return rows + cols - 2
    fewest_walls = [[k + 1] * cols for _ in range(rows)]
    fewest_walls[0][0] = 0
    frontier = deque([(0, 0, 0)])
    moves = 0
    while frontier:
        moves += 1
        for _ in range(len(frontier)):
            row, col, used = frontier.popleft()
            for d_row, d_col in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                r, c = row + d_row, col + d_col
                if not (0 <= r < rows and 0 <= c < cols):
                    continue
                walls = used + (grid[r][c] == "#")
                if walls < fewest_walls[r][c]:
                    if (r, c) == target:
                        return moves
                    fewest_walls[r][c] = walls
                    frontier.append((r, c, walls))
    return -1
`,
      examples: [
        { args: [["...", "##.", "...", ".##", "..."], 1], expected: 6 },
        { args: [[".##", "###", "#.."], 1], expected: -1 },
      ],
      hidden: [
        { args: [["."], 0], expected: 0 },
        { args: [[".#."], 0], expected: -1 },
        { args: [[".#."], 1], expected: 2 },
        { args: [[".###", "####", "###."], 10], expected: 5 },
        { args: [[".#...", ".#.#.", "...#."], 0], expected: 10 },
        { args: [["..#..", "###.#", "....."], 1], expected: 6 },
      ],
    },
  },
  {
    slug: "clusters-after-link-failures",
    title: "Network partitions as links fail",
    prompt:
      "A cluster has n nodes numbered 0..n-1 and a list of undirected links, each [a, b] (the same pair may appear more than once: redundant cables). Links then fail one by one. Write components_after_failures(n, links, failures): failures is a list of distinct indexes into links, in the order the links fail. Return, after each failure, the number of connected groups of nodes.\n\nExample: components_after_failures(4, [[0, 1], [1, 2], [2, 3], [3, 0]], [0, 2, 1]) -> [1, 2, 3].\n\nConstraints: n up to 100,000; up to 200,000 links and failures; recomputing connectivity after every failure is too slow.",
    followUps: [
      "Links now also come back online in the middle of the sequence. What changes?",
      "Report the size of the largest group after each failure as well.",
      "Why is deleting an edge from a union-find structure hard?",
    ],
    hints: [
      "Adding links is easy with union-find; removing them is not. Can you turn removals into additions?",
      "Start from the network after every failure and replay the failures backwards as repairs.",
    ],
    goodAnswerL4:
      "After a nudge, builds union-find over the links that never fail, records the component count, then adds the failed links back in reverse order, recording the count before each addition, and reverses the answers. Uses path compression and union by size, and handles duplicate links.",
    goodAnswerL6:
      "Sees the offline reversal unprompted, argues its O((n + m) alpha(n)) cost, extends it to track the largest component, and explains that interleaved repairs and failures need an offline divide-and-conquer over time with a rollback union-find or a dynamic connectivity structure.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["graphs", "union-find"],
    exercise: {
      language: "python",
      entry: "components_after_failures",
      starter: `def components_after_failures(n, links, failures):
    """Number of connected groups after each link failure.

    n: node count (nodes 0..n-1); links: list of [a, b] undirected links;
    failures: distinct indexes into links, in failure order.
    Returns a list with one count per failure.
    """
    raise NotImplementedError
`,
      reference: `def components_after_failures(n, links, failures):
    parent = list(range(n))
    size = [1] * n
    groups = n

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def connect(a, b):
        nonlocal groups
        a, b = find(a), find(b)
        if a == b:
            return
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        groups -= 1

    failed = set(failures)
    for index, (a, b) in enumerate(links):
        if index not in failed:
            connect(a, b)
    # Walk the failures backwards: the count now is the answer after the last failure;
    # repairing that link gives the state after the one before, and so on.
    counts = []
    for index in reversed(failures):
        counts.append(groups)
        connect(*links[index])
    counts.reverse()
    return counts
`,
      examples: [
        {
          args: [
            4,
            [
              [0, 1],
              [1, 2],
              [2, 3],
              [3, 0],
            ],
            [0, 2, 1],
          ],
          expected: [1, 2, 3],
        },
        { args: [3, [[0, 1]], [0]], expected: [3] },
      ],
      hidden: [
        { args: [5, [], []], expected: [] },
        {
          args: [
            6,
            [
              [0, 1],
              [1, 2],
              [0, 2],
              [3, 4],
            ],
            [3, 0, 1],
          ],
          expected: [4, 4, 5],
        },
        {
          args: [
            2,
            [
              [0, 1],
              [1, 0],
            ],
            [0, 1],
          ],
          expected: [1, 2],
        },
        {
          args: [
            4,
            [
              [0, 1],
              [1, 2],
              [2, 3],
            ],
            [1],
          ],
          expected: [2],
        },
      ],
    },
  },
  {
    slug: "broadcast-time",
    title: "How long until every node has the new config",
    prompt:
      "A configuration update starts at one node and is forwarded along directed links, each with a delay in milliseconds. Write broadcast_time(n, links, source): n nodes are numbered 0..n-1, links is a list of [from, to, delay_ms] (delays are non-negative integers; several links may join the same pair), and source is where the update starts at time 0. Return the time at which the last node receives the update, or -1 if some node never does.\n\nExample: broadcast_time(4, [[0, 1, 1], [0, 2, 4], [1, 2, 2], [2, 3, 1]], 0) -> 4.\n\nConstraints: n up to 100,000; up to 500,000 links.",
    followUps: [
      "Which node receives the update last, and along which route?",
      "Links now fail with a known probability. How would you find the most reliable route?",
      "Some delays could be negative (clock corrections). Does your algorithm still work?",
    ],
    hints: [
      "This is single-source shortest paths with non-negative weights.",
      "A heap of (time, node) lets you settle nodes in order of arrival; skip entries that are out of date.",
    ],
    goodAnswerL4:
      "Implements Dijkstra with an adjacency list and a heap, skips stale heap entries, returns the maximum distance or -1 if fewer than n nodes were reached. Handles parallel links and zero delays, and states O((n + m) log n).",
    goodAnswerL6:
      "Writes Dijkstra crisply, keeps parent pointers to return the slowest route, turns reliability into shortest paths over -log(p) weights, explains why negative delays break Dijkstra and when Bellman-Ford applies, and discusses a gossip protocol versus a spanning tree for real config rollout.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["graphs", "shortest-path", "heaps"],
    exercise: {
      language: "python",
      entry: "broadcast_time",
      starter: `def broadcast_time(n, links, source):
    """Time at which the last node receives an update sent from source at time 0.

    n: nodes 0..n-1; links: list of [from, to, delay_ms] (directed, non-negative).
    Returns the time, or -1 if some node is never reached.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def broadcast_time(n, links, source):
    outgoing = [[] for _ in range(n)]
    for start, end, delay in links:
        outgoing[start].append((end, delay))
    arrival = {}
    pending = [(0, source)]
    while pending:
        time, node = heapq.heappop(pending)
        if node in arrival:
            continue  # an earlier arrival already settled this node
        arrival[node] = time
        for neighbour, delay in outgoing[node]:
            if neighbour not in arrival:
                heapq.heappush(pending, (time + delay, neighbour))
    return max(arrival.values()) if len(arrival) == n else -1
`,
      examples: [
        {
          args: [
            4,
            [
              [0, 1, 1],
              [0, 2, 4],
              [1, 2, 2],
              [2, 3, 1],
            ],
            0,
          ],
          expected: 4,
        },
        { args: [3, [[0, 1, 5]], 0], expected: -1 },
      ],
      hidden: [
        { args: [1, [], 0], expected: 0 },
        {
          args: [
            3,
            [
              [0, 1, 7],
              [0, 1, 2],
              [1, 2, 0],
            ],
            0,
          ],
          expected: 2,
        },
        {
          args: [
            4,
            [
              [1, 0, 3],
              [0, 2, 1],
              [2, 1, 1],
              [2, 3, 10],
              [1, 3, 20],
            ],
            1,
          ],
          expected: 14,
        },
        {
          args: [
            3,
            [
              [1, 0, 1],
              [2, 0, 1],
            ],
            0,
          ],
          expected: -1,
        },
      ],
    },
  },
  {
    slug: "bpe-merge-tokenizer",
    title: "Apply learned merges to tokenize a word",
    prompt:
      'A byte-pair-encoding tokenizer has learned an ordered list of merges; earlier merges have higher priority. Write bpe_tokenize(word, merges): start from the word split into single characters, then repeatedly find, among all adjacent token pairs that appear in merges, the pair with the highest priority; merge every occurrence of that pair in one left-to-right pass (an occurrence that overlaps one just merged is skipped); stop when no adjacent pair is in merges. merges is a list of distinct [left, right] pairs. Return the list of tokens.\n\nExamples:\n- bpe_tokenize("lower", [["l", "o"], ["lo", "w"], ["e", "r"], ["low", "er"]]) -> ["lower"]\n- bpe_tokenize("banana", [["a", "n"], ["an", "a"], ["b", "an"]]) -> ["ban", "ana"]\n\nConstraints: up to 50,000 merges; words up to 100 characters; millions of words are tokenized with the same merges.',
    followUps: [
      "What is the complexity of your loop per word, and how would you make it faster?",
      "Most words repeat. How would you exploit that in a production tokenizer?",
      "How are the merges learned from a corpus in the first place?",
    ],
    hints: [
      "Turn the merge list into a dictionary from pair to rank once, outside the per-word work.",
      "Each round: rank every adjacent pair, pick the lowest rank, rebuild the token list.",
      "Watch overlapping pairs such as a, a, a: the left-to-right pass gives aa, a.",
    ],
    goodAnswerL4:
      "Builds a rank dictionary, loops: scans adjacent pairs for the best rank, rebuilds the list merging that pair left to right, stops when nothing matches. Handles the empty word, characters absent from any merge and overlapping pairs, and states O(n^2) per word in the worst case.",
    goodAnswerL6:
      "Writes the same quickly, then speeds it up with a heap of candidate pairs over a linked list of tokens (O(n log n) per word) and a cache of tokenized words, explains how merges are learned by counting pair frequencies over a corpus, and discusses byte-level fallback for unseen characters.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["ml-adjacent", "strings", "hash-maps"],
    exercise: {
      language: "python",
      entry: "bpe_tokenize",
      starter: `def bpe_tokenize(word, merges):
    """Tokenize a word by applying byte-pair merges in priority order.

    word: a string; merges: ordered list of distinct [left, right] pairs,
    the first having the highest priority.
    Returns the list of tokens.
    """
    raise NotImplementedError
`,
      reference: `def bpe_tokenize(word, merges):
    rank = {(left, right): position for position, (left, right) in enumerate(merges)}
    tokens = list(word)
    while len(tokens) > 1:
        ranked = [rank.get(pair) for pair in zip(tokens, tokens[1:])]
        present = [r for r in ranked if r is not None]
        if not present:
            break
        left, right = merges[min(present)]
        merged = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens) and tokens[i] == left and tokens[i + 1] == right:
                merged.append(left + right)
                i += 2
            else:
                merged.append(tokens[i])
                i += 1
        tokens = merged
    return tokens
`,
      examples: [
        {
          args: [
            "lower",
            [
              ["l", "o"],
              ["lo", "w"],
              ["e", "r"],
              ["low", "er"],
            ],
          ],
          expected: ["lower"],
        },
        {
          args: [
            "banana",
            [
              ["a", "n"],
              ["an", "a"],
              ["b", "an"],
            ],
          ],
          expected: ["ban", "ana"],
        },
      ],
      hidden: [
        { args: ["", [["a", "b"]]], expected: [] },
        { args: ["x", []], expected: ["x"] },
        { args: ["aaa", [["a", "a"]]], expected: ["aa", "a"] },
        {
          args: [
            "aaaa",
            [
              ["a", "a"],
              ["aa", "aa"],
            ],
          ],
          expected: ["aaaa"],
        },
        {
          args: [
            "xyzyz",
            [
              ["z", "y"],
              ["y", "z"],
            ],
          ],
          expected: ["x", "y", "zy", "z"],
        },
      ],
    },
  },
  {
    slug: "max-value-job-schedule",
    title: "Most valuable set of non-overlapping jobs",
    prompt:
      "A single cluster slot can run one job at a time. Each candidate job is [start, end, value] over the half-open interval [start, end), so a job ending at t and one starting at t can both run. Write max_job_value(jobs) returning the largest total value of a set of jobs that do not overlap (0 for no jobs).\n\nExample: max_job_value([[1, 3, 50], [2, 4, 10], [3, 5, 40], [3, 6, 70]]) -> 120 (the jobs [1, 3) and [3, 6)).\n\nConstraints: up to 100,000 jobs; times up to 10^9; values positive.",
    followUps: [
      "Return which jobs were chosen, not only the total.",
      "There are now two identical slots. Does the same idea still work?",
      "Jobs stream in sorted by end time. Can you answer the best total so far after each one?",
    ],
    hints: [
      "Sort jobs by end time; the best total using the first i jobs either skips job i or takes it.",
      "If you take job i, the rest must end by its start: binary search for the last such job.",
    ],
    goodAnswerL4:
      "Sorts by end, keeps best[i] over the first i jobs, and for each job takes max(skip, value + best[last compatible]) with bisect on the end times. Gets the touching boundary right (bisect_right on start), handles the empty list, and states O(n log n).",
    goodAnswerL6:
      "Writes the DP with clear names, reconstructs the chosen jobs by walking back through the decisions, explains why greedy by value or by end time fails here, and discusses two slots as a min-cost-flow problem rather than a simple extension.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["dynamic-programming", "intervals", "binary-search"],
    exercise: {
      language: "python",
      entry: "max_job_value",
      starter: `def max_job_value(jobs):
    """Largest total value of non-overlapping jobs.

    jobs: list of [start, end, value] over half-open intervals [start, end).
    Returns an int (0 for no jobs).
    """
    raise NotImplementedError
`,
      reference: `import bisect


def max_job_value(jobs):
    by_end = sorted(jobs, key=lambda job: job[1])
    ends = [end for _, end, _ in by_end]
    best = [0] * (len(by_end) + 1)  # best[i]: best total using only the first i jobs
    for i, (start, _, value) in enumerate(by_end):
        compatible = bisect.bisect_right(ends, start, 0, i)
        best[i + 1] = max(best[i], best[compatible] + value)
    return best[-1]
`,
      examples: [
        {
          args: [
            [
              [1, 3, 50],
              [2, 4, 10],
              [3, 5, 40],
              [3, 6, 70],
            ],
          ],
          expected: 120,
        },
        {
          args: [
            [
              [1, 2, 5],
              [1, 3, 6],
              [2, 4, 4],
            ],
          ],
          expected: 9,
        },
      ],
      hidden: [
        { args: [[]], expected: 0 },
        { args: [[[0, 10, 7]]], expected: 7 },
        {
          args: [
            [
              [0, 5, 3],
              [1, 6, 9],
              [2, 7, 4],
            ],
          ],
          expected: 9,
        },
        {
          args: [
            [
              [0, 1, 2],
              [1, 2, 2],
              [2, 3, 2],
              [0, 3, 5],
            ],
          ],
          expected: 6,
        },
        {
          args: [
            [
              [0, 2, 4],
              [0, 2, 4],
            ],
          ],
          expected: 4,
        },
      ],
    },
  },
  {
    slug: "shortest-window-all-codes",
    title: "Shortest stretch of log that shows every symptom",
    prompt:
      'An incident is diagnosed when a stretch of consecutive log lines contains every one of a set of error codes. Write shortest_covering_window(codes, required): codes is the list of codes in log order, required a non-empty list of distinct codes. Return [start, end], the inclusive indexes of the shortest stretch containing every required code at least once; if several are equally short return the one that starts first; return [] if there is none.\n\nExample: shortest_covering_window(["E1", "E2", "E3", "E1", "E4", "E2", "E3"], ["E2", "E3", "E4"]) -> [4, 6].\n\nConstraints: up to 1,000,000 log lines and 1,000 required codes; target O(n).',
    followUps: [
      "Required codes may now repeat, meaning the stretch must contain each at least that many times.",
      "The log is an unbounded stream. Report the shortest stretch seen so far with bounded memory.",
      "The stretch must also respect an order: E2 before E4. How does that change things?",
    ],
    hints: [
      "Grow a window on the right until it covers everything, then shrink it from the left while it still does.",
      "Track how many required codes currently have a non-zero count inside the window.",
    ],
    goodAnswerL4:
      "Implements the two-pointer sliding window with a count dictionary and a counter of satisfied codes, updates the best only on a strictly shorter window so the earliest wins ties, returns [] when nothing covers. States O(n) time and O(r) memory.",
    goodAnswerL6:
      "Writes the window cleanly, generalises to multiplicities with required counts, explains that in a stream only the last occurrence of each code matters (an ordered dict of last positions gives the candidate window), and handles the ordered variant with dynamic programming over positions.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["sliding-window", "hash-maps", "strings"],
    exercise: {
      language: "python",
      entry: "shortest_covering_window",
      starter: `def shortest_covering_window(codes, required):
    """Inclusive [start, end] of the shortest stretch containing every required code.

    codes: list of codes in log order; required: non-empty list of distinct codes.
    Ties go to the earliest start; returns [] if no stretch qualifies.
    """
    raise NotImplementedError
`,
      reference: `def shortest_covering_window(codes, required):
    needed = set(required)
    in_window = {}
    covered = 0
    best = []
    left = 0
    for right, code in enumerate(codes):
        if code in needed:
            in_window[code] = in_window.get(code, 0) + 1
            if in_window[code] == 1:
                covered += 1
        while covered == len(needed):
            if not best or right - left < best[1] - best[0]:
                best = [left, right]
            dropped = codes[left]
            if dropped in needed:
                in_window[dropped] -= 1
                if in_window[dropped] == 0:
                    covered -= 1
            left += 1
    return best
`,
      examples: [
        {
          args: [
            ["E1", "E2", "E3", "E1", "E4", "E2", "E3"],
            ["E2", "E3", "E4"],
          ],
          expected: [4, 6],
        },
        {
          args: [
            ["A", "B", "A"],
            ["A", "B"],
          ],
          expected: [0, 1],
        },
      ],
      hidden: [
        { args: [["A"], ["B"]], expected: [] },
        { args: [["X"], ["X"]], expected: [0, 0] },
        {
          args: [
            ["A", "A", "B", "A", "C", "B", "A"],
            ["A", "B", "C"],
          ],
          expected: [2, 4],
        },
        { args: [[], ["A"]], expected: [] },
        {
          args: [
            ["B", "x", "x", "A", "B", "A", "x", "B"],
            ["A", "B"],
          ],
          expected: [3, 4],
        },
      ],
    },
  },
  {
    slug: "sliding-window-peak",
    title: "Peak CPU over every window",
    prompt:
      "A node reports CPU usage once per second. Write window_peaks(values, width) returning, for every window of width consecutive readings, the largest reading in it: a list of len(values) - width + 1 numbers, in window order, or [] if width is larger than the number of readings.\n\nExample: window_peaks([3, 1, 4, 1, 5, 9, 2, 6], 3) -> [4, 4, 5, 9, 9, 9].\n\nConstraints: up to 1,000,000 readings; 1 <= width; target O(n), not O(n x width).",
    followUps: [
      "Return the minimum and the maximum of each window in the same pass.",
      "Readings arrive as a live stream. What do you keep in memory?",
      "How would you compute a rolling maximum per node in Spark, and what does it cost?",
    ],
    hints: [
      "A reading that is smaller than a later reading in the same window can never be the peak again.",
      "Keep a deque of indexes whose readings are decreasing; the front is the current peak.",
    ],
    goodAnswerL4:
      "Keeps a deque of indexes with decreasing values, pops smaller values from the back before pushing, drops the front when it leaves the window, and records the front once the first window is full. Explains amortised O(n) because each index enters and leaves once, and handles width larger than the input.",
    goodAnswerL6:
      "Writes the monotonic deque cleanly, extends it to a paired min/max, explains the streaming version needs only O(width) memory, and discusses Spark window functions with rowsBetween, their per-partition sort and why a per-node partitioning keeps the shuffle bounded.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["sliding-window", "queues"],
    exercise: {
      language: "python",
      entry: "window_peaks",
      starter: `def window_peaks(values, width):
    """Maximum of every window of width consecutive values.

    values: list of numbers; width: int >= 1.
    Returns a list of len(values) - width + 1 maxima, or [] if width > len(values).
    """
    raise NotImplementedError
`,
      reference: `from collections import deque


def window_peaks(values, width):
    candidates = deque()  # indexes whose values decrease from front to back
    peaks = []
    for i, value in enumerate(values):
        while candidates and values[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(i)
        if candidates[0] <= i - width:
            candidates.popleft()
        if i >= width - 1:
            peaks.append(values[candidates[0]])
    return peaks
`,
      examples: [
        { args: [[3, 1, 4, 1, 5, 9, 2, 6], 3], expected: [4, 4, 5, 9, 9, 9] },
        { args: [[5, 4, 3, 2, 1], 2], expected: [5, 4, 3, 2] },
      ],
      hidden: [
        { args: [[7], 1], expected: [7] },
        { args: [[1, 2], 3], expected: [] },
        { args: [[2, 2, 2, 1], 2], expected: [2, 2, 2] },
        { args: [[1, 2, 3, 4], 4], expected: [4] },
        { args: [[-1, -3, -2], 1], expected: [-1, -3, -2] },
        { args: [[9, 1, 1, 1, 8], 3], expected: [9, 1, 8] },
      ],
    },
  },
  {
    slug: "merge-sorted-log-files",
    title: "Merge per-host log files by time",
    prompt:
      'Each host writes a log file whose entries are [timestamp, host, message], already sorted by timestamp. Write merge_log_files(files) that merges the files (a list of such lists) into one list sorted by timestamp. When timestamps are equal, entries from an earlier file come first, and entries from the same file keep their order.\n\nExample: merge_log_files([[[1, "a", "start"], [5, "a", "stop"]], [[2, "b", "start"], [5, "b", "stop"]]]) -> [[1, "a", "start"], [2, "b", "start"], [5, "a", "stop"], [5, "b", "stop"]].\n\nConstraints: up to 1,000 files and 10,000,000 entries in total; the result may be consumed as it is produced, so do not simply concatenate and sort.',
    followUps: [
      "The files are too large for memory. How does the merge change?",
      "Host clocks drift by up to two seconds. What can you still promise about the order?",
      "How does this relate to the merge phase of an external sort or a sort-merge join?",
    ],
    hints: [
      "Only the next unread entry of each file can be the next entry of the output.",
      "A heap of (timestamp, file index, position) gives the tie-break rule for free.",
    ],
    goodAnswerL4:
      "Seeds a heap with the first entry of every non-empty file keyed by (timestamp, file index, position), pops the smallest, pushes that file's next entry. Never compares messages, handles empty files, and states O(N log k) time with O(k) extra memory.",
    goodAnswerL6:
      "Writes the k-way merge as a generator so output streams, explains buffered reads per file for the out-of-memory case, discusses bounded reordering with a watermark for clock drift, and connects it to external sorting and the merge step of sort-merge joins in Spark.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["heaps", "sorting", "streaming"],
    exercise: {
      language: "python",
      entry: "merge_log_files",
      starter: `def merge_log_files(files):
    """Merge per-host log files, each sorted by timestamp, into one sorted list.

    files: list of lists of [timestamp, host, message].
    Equal timestamps: earlier file first, then original order within a file.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def merge_log_files(files):
    heads = [(log[0][0], index, 0) for index, log in enumerate(files) if log]
    heapq.heapify(heads)
    merged = []
    while heads:
        _, index, position = heapq.heappop(heads)
        log = files[index]
        merged.append(log[position])
        if position + 1 < len(log):
            heapq.heappush(heads, (log[position + 1][0], index, position + 1))
    return merged
`,
      examples: [
        {
          args: [
            [
              [
                [1, "a", "start"],
                [5, "a", "stop"],
              ],
              [
                [2, "b", "start"],
                [5, "b", "stop"],
              ],
            ],
          ],
          expected: [
            [1, "a", "start"],
            [2, "b", "start"],
            [5, "a", "stop"],
            [5, "b", "stop"],
          ],
        },
        {
          args: [[[], [[3, "c", "x"]], [[1, "d", "y"]]]],
          expected: [
            [1, "d", "y"],
            [3, "c", "x"],
          ],
        },
      ],
      hidden: [
        { args: [[]], expected: [] },
        { args: [[[], []]], expected: [] },
        {
          args: [
            [
              [
                [1, "a", "m2"],
                [1, "a", "m1"],
              ],
              [[1, "b", "m0"]],
            ],
          ],
          expected: [
            [1, "a", "m2"],
            [1, "a", "m1"],
            [1, "b", "m0"],
          ],
        },
        {
          args: [[[[4, "z", "b"]], [[4, "a", "a"]]]],
          expected: [
            [4, "z", "b"],
            [4, "a", "a"],
          ],
        },
      ],
    },
  },
  {
    slug: "running-median-latency",
    title: "Running median of request latency",
    prompt:
      "Write running_median(values): values is a list of integer latencies arriving in order; after each one, report the median of all values seen so far (for an even count, the mean of the two middle values). Return the list of medians.\n\nExample: running_median([5, 15, 1, 3]) -> [5, 10.0, 5, 4.0].\n\nConstraints: up to 1,000,000 values; each step should cost O(log n).",
    followUps: [
      "Only the last 10,000 values should count. What changes?",
      "Report the 99th percentile instead of the median.",
      "The values come from 500 servers. How would you produce a fleet-wide median every minute?",
    ],
    hints: [
      "Split the values into a lower half and an upper half.",
      "A max-heap for the lower half and a min-heap for the upper half, kept within one element in size.",
    ],
    goodAnswerL4:
      "Keeps a max-heap (negated values) for the lower half and a min-heap for the upper half, pushes through one into the other to keep them ordered, rebalances sizes, and reads the median from the tops. Handles duplicates and negatives, and states O(log n) per value.",
    goodAnswerL6:
      "Writes the two heaps cleanly, handles the sliding version with lazy deletion or an order-statistics tree, generalises to any percentile by adjusting the split ratio, and for a fleet proposes mergeable sketches (t-digest, KLL) with their error trade-offs instead of shipping raw values.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["heaps", "streaming"],
    exercise: {
      language: "python",
      entry: "running_median",
      starter: `def running_median(values):
    """Median of the values seen so far, after each value.

    values: list of ints.
    Returns a list of medians; for an even count, the mean of the two middle values.
    """
    raise NotImplementedError
`,
      reference: `import heapq


def running_median(values):
    lower = []  # max-heap via negated values
    upper = []  # min-heap
    medians = []
    for value in values:
        heapq.heappush(lower, -value)
        heapq.heappush(upper, -heapq.heappop(lower))
        if len(upper) > len(lower):
            heapq.heappush(lower, -heapq.heappop(upper))
        if len(lower) > len(upper):
            medians.append(-lower[0])
        else:
            medians.append((-lower[0] + upper[0]) / 2)
    return medians
`,
      examples: [
        { args: [[5, 15, 1, 3]], expected: [5, 10, 5, 4] },
        { args: [[2, 2, 2]], expected: [2, 2, 2] },
      ],
      hidden: [
        { args: [[]], expected: [] },
        { args: [[-1, -2]], expected: [-1, -1.5] },
        { args: [[1, 100, 2, 99, 3]], expected: [1, 50.5, 2, 50.5, 3] },
        { args: [[10, 1, 9, 2, 8]], expected: [10, 5.5, 9, 5.5, 8] },
      ],
    },
  },
  {
    slug: "assign-executors",
    title: "Fewest executors for a day of jobs",
    prompt:
      "Each job needs one executor for the half-open interval [start, end) (start < end). Write assign_executors(jobs): jobs is a list of [start, end]. Take jobs in order of start time (equal starts in input order) and give each the lowest-numbered executor that is free at its start, opening a new executor (numbered 0, 1, 2, ...) only when none is free. An executor whose job ends at t is free for a job starting at t. Return [executor_count, assignment], where assignment[i] is the executor of jobs[i].\n\nExample: assign_executors([[0, 30], [5, 10], [15, 20]]) -> [2, [0, 1, 1]].\n\nConstraints: up to 100,000 jobs.",
    followUps: [
      "Prove that this greedy uses the minimum possible number of executors.",
      "Executors now cost money per second they are open. How would you decide when to shut one down?",
      "Jobs can be delayed by up to D seconds. How does the minimum change?",
    ],
    hints: [
      "Sort by start; keep the busy executors in a heap keyed by the time they free up.",
      "A second heap of free executor numbers gives the lowest-numbered free one.",
    ],
    goodAnswerL4:
      "Sorts job indexes by (start, index), releases every busy executor whose end is at most the current start into a min-heap of free numbers, takes the smallest free number or opens a new one, and records the assignment. Gets touching intervals right and states O(n log n).",
    goodAnswerL6:
      "Writes both heaps cleanly, proves optimality by noting the count equals the maximum overlap at some start time, discusses the cost model for shutting executors (idle timeouts, look-ahead on the queue) and treats delayable jobs as a scheduling problem with a different lower bound.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["heaps", "intervals", "greedy"],
    exercise: {
      language: "python",
      entry: "assign_executors",
      starter: `def assign_executors(jobs):
    """Assign each [start, end) job to the lowest-numbered free executor.

    jobs: list of [start, end]; processed by start time, ties in input order.
    Returns [executor_count, assignment] with assignment[i] for jobs[i].
    """
    raise NotImplementedError
`,
      reference: `import heapq


def assign_executors(jobs):
    order = sorted(range(len(jobs)), key=lambda i: (jobs[i][0], i))
    free = []  # executor numbers that are idle
    busy = []  # (end time, executor number)
    assignment = [0] * len(jobs)
    opened = 0
    for i in order:
        start, end = jobs[i]
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            executor = heapq.heappop(free)
        else:
            executor = opened
            opened += 1
        assignment[i] = executor
        heapq.heappush(busy, (end, executor))
    return [opened, assignment]
`,
      examples: [
        {
          args: [
            [
              [0, 30],
              [5, 10],
              [15, 20],
            ],
          ],
          expected: [2, [0, 1, 1]],
        },
        {
          args: [
            [
              [1, 3],
              [3, 5],
            ],
          ],
          expected: [1, [0, 0]],
        },
      ],
      hidden: [
        { args: [[]], expected: [0, []] },
        {
          args: [
            [
              [0, 5],
              [0, 5],
              [0, 5],
            ],
          ],
          expected: [3, [0, 1, 2]],
        },
        {
          args: [
            [
              [0, 10],
              [0, 4],
              [0, 6],
              [5, 8],
              [7, 9],
            ],
          ],
          expected: [3, [0, 1, 2, 1, 2]],
        },
        {
          args: [
            [
              [0, 1],
              [0, 1],
              [5, 6],
            ],
          ],
          expected: [2, [0, 1, 0]],
        },
        {
          args: [
            [
              [10, 12],
              [0, 11],
            ],
          ],
          expected: [2, [1, 0]],
        },
      ],
    },
  },
  {
    slug: "lru-cache-replay",
    title: "Least-recently-used cache",
    prompt:
      'Design a cache of at most capacity entries where both get and put run in O(1): when a put would exceed the capacity, the least recently used entry is evicted. A get or a put of a key counts as a use of it; a put on an existing key updates its value.\n\nWrite lru_cache_replay(capacity, operations) that replays operations, each ["put", key, value] or ["get", key], on an empty cache and returns the results of the gets in order: the value, or None on a miss.\n\nExample: lru_cache_replay(2, [["put", "a", 1], ["put", "b", 2], ["get", "a"], ["put", "c", 3], ["get", "b"], ["get", "c"]]) -> [1, None, 3].\n\nConstraints: capacity >= 1; up to 200,000 operations.',
    followUps: [
      "Implement it without OrderedDict: what structures do you combine?",
      "How would you make the cache safe for concurrent use, and where is the contention?",
      "When is LFU or a TTL-based policy a better fit for caching model features?",
    ],
    hints: [
      "A dictionary finds entries in O(1); a doubly linked list reorders them in O(1).",
      "Move an entry to the most-recent end on every use and evict from the other end.",
    ],
    goodAnswerL4:
      "Uses OrderedDict with move_to_end and popitem(last=False), or a dict plus doubly linked list with sentinels. Refreshes on both get and put, evicts only when inserting a new key, and tests capacity one and updating an existing key.",
    goodAnswerL6:
      "Implements the linked-list version with sentinels cleanly, discusses lock striping or sharded caches for concurrency, approximations such as CLOCK that avoid a write on every read, and when LFU, TTL or size-aware eviction suit a feature cache.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["hash-maps", "design", "linked-lists"],
    exercise: {
      language: "python",
      entry: "lru_cache_replay",
      starter: `def lru_cache_replay(capacity, operations):
    """Replay puts and gets on an LRU cache and return the results of the gets.

    capacity: int >= 1; operations: list of ["put", key, value] or ["get", key].
    Returns the get results in order (None on a miss).
    """
    raise NotImplementedError
`,
      reference: `from collections import OrderedDict


def lru_cache_replay(capacity, operations):
    entries = OrderedDict()  # least recently used first
    results = []
    for operation in operations:
        name, key = operation[0], operation[1]
        if name == "get":
            if key in entries:
                entries.move_to_end(key)
                results.append(entries[key])
            else:
                results.append(None)
        elif name == "put":
            if key in entries:
                entries.move_to_end(key)
            elif len(entries) == capacity:
                entries.popitem(last=False)
            entries[key] = operation[2]
        else:
            raise ValueError("unknown operation: " + str(name))
    return results
`,
      examples: [
        {
          args: [
            2,
            [
              ["put", "a", 1],
              ["put", "b", 2],
              ["get", "a"],
              ["put", "c", 3],
              ["get", "b"],
              ["get", "c"],
            ],
          ],
          expected: [1, null, 3],
        },
        {
          args: [
            1,
            [
              ["put", "x", 1],
              ["put", "x", 2],
              ["get", "x"],
            ],
          ],
          expected: [2],
        },
      ],
      hidden: [
        {
          args: [
            2,
            [
              ["put", "a", 1],
              ["put", "b", 2],
              ["put", "a", 10],
              ["put", "c", 3],
              ["get", "a"],
              ["get", "b"],
            ],
          ],
          expected: [10, null],
        },
        {
          args: [
            2,
            [
              ["put", "a", 1],
              ["put", "b", 2],
              ["get", "a"],
              ["put", "c", 3],
              ["get", "b"],
              ["get", "a"],
              ["get", "c"],
            ],
          ],
          expected: [1, null, 1, 3],
        },
        { args: [3, [["get", "z"]]], expected: [null] },
        {
          args: [
            1,
            [
              ["put", "a", 1],
              ["put", "b", 2],
              ["get", "a"],
              ["get", "b"],
            ],
          ],
          expected: [null, 2],
        },
      ],
    },
  },
  {
    slug: "versioned-config-store",
    title: "Key-value store that answers as of a time",
    prompt:
      'A feature store keeps every version of a value. Write versioned_store_replay(operations) that replays operations on an empty store, each ["set", key, value, timestamp] or ["get", key, timestamp], and returns the results of the gets in order. A get returns the value whose timestamp is the largest one at or before the asked timestamp, or None if there is none. Sets may arrive out of timestamp order (late writes), and a set with a timestamp the key already has replaces that version.\n\nExample: versioned_store_replay([["set", "model", "v1", 10], ["set", "model", "v2", 20], ["get", "model", 15], ["get", "model", 20], ["get", "model", 5]]) -> ["v1", "v2", None].\n\nConstraints: up to 200,000 operations; gets should cost O(log v) for v versions of a key.',
    followUps: [
      "Old versions must be dropped after 30 days. How do you compact without breaking reads?",
      "Why does point-in-time lookup matter when building training data for a model?",
      "How would you store this at scale, say in a Delta table or a key-value store?",
    ],
    hints: [
      "Per key, keep the version timestamps in a sorted list.",
      "bisect_right finds the first timestamp after the asked one; the version before it is the answer.",
    ],
    goodAnswerL4:
      "Keeps per key a sorted list of timestamps (insort for late writes) and a map from (key, timestamp) to value, answers gets with bisect_right, and handles missing keys, gets before the first version and overwrites at the same timestamp.",
    goodAnswerL6:
      "Implements the same and discusses the cost of insort for late writes versus a balanced tree or append-then-sort, compaction that keeps the last version before the cutoff, point-in-time correctness to avoid label leakage in training sets, and a layout keyed by (key, timestamp) in storage.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["hash-maps", "binary-search", "design"],
    exercise: {
      language: "python",
      entry: "versioned_store_replay",
      starter: `def versioned_store_replay(operations):
    """Replay sets and as-of gets on a versioned store; return the get results.

    operations: list of ["set", key, value, timestamp] or ["get", key, timestamp].
    A get returns the value with the largest timestamp <= the asked one, else None.
    """
    raise NotImplementedError
`,
      reference: `import bisect


def versioned_store_replay(operations):
    timestamps = {}  # key -> sorted list of version timestamps
    values = {}  # (key, timestamp) -> value
    results = []
    for operation in operations:
        if operation[0] == "set":
            _, key, value, timestamp = operation
            if (key, timestamp) not in values:
                bisect.insort(timestamps.setdefault(key, []), timestamp)
            values[(key, timestamp)] = value
        elif operation[0] == "get":
            _, key, timestamp = operation
            versions = timestamps.get(key, [])
            position = bisect.bisect_right(versions, timestamp)
            results.append(values[(key, versions[position - 1])] if position else None)
        else:
            raise ValueError("unknown operation: " + str(operation[0]))
    return results
`,
      examples: [
        {
          args: [
            [
              ["set", "model", "v1", 10],
              ["set", "model", "v2", 20],
              ["get", "model", 15],
              ["get", "model", 20],
              ["get", "model", 5],
            ],
          ],
          expected: ["v1", "v2", null],
        },
        {
          args: [
            [
              ["get", "x", 1],
              ["set", "x", "a", 1],
              ["get", "x", 100],
            ],
          ],
          expected: [null, "a"],
        },
      ],
      hidden: [
        {
          args: [
            [
              ["set", "k", "late", 5],
              ["set", "k", "early", 1],
              ["get", "k", 3],
              ["get", "k", 7],
            ],
          ],
          expected: ["early", "late"],
        },
        {
          args: [
            [
              ["set", "k", "a", 5],
              ["set", "k", "b", 5],
              ["get", "k", 5],
            ],
          ],
          expected: ["b"],
        },
        {
          args: [
            [
              ["set", "a", "1", 1],
              ["get", "b", 1],
            ],
          ],
          expected: [null],
        },
        {
          args: [
            [
              ["set", "k", "v3", 30],
              ["set", "k", "v1", 10],
              ["set", "k", "v2", 20],
              ["get", "k", 25],
              ["get", "k", 9],
              ["get", "k", 30],
            ],
          ],
          expected: ["v2", null, "v3"],
        },
      ],
    },
  },
  {
    slug: "minibatch-gradient-descent",
    title: "One epoch of mini-batch gradient descent",
    prompt:
      "Without numpy, write sgd_epoch(X, y, w, b, lr, batch_size) for a linear regression model prediction = w . x + b with mean squared error loss. Walk the rows in order in batches of batch_size (the last batch may be smaller); for each batch of m rows compute the gradients of (1/m) * sum((prediction - target)^2), that is dw = (2/m) * sum(error * x) and db = (2/m) * sum(error), and update w -= lr * dw and b -= lr * db before the next batch. Return [w, b] with every number rounded to 4 decimals.\n\nExample: sgd_epoch([[1], [2]], [3, 5], [0], 0, 0.1, 1) -> [[1.88], 1.24].\n\nConstraints: up to 100,000 rows of up to 100 features.",
    followUps: [
      "How do batch size and learning rate interact, and what happens with a learning rate that is too large?",
      "Add L2 regularisation. Which terms change?",
      "How would you run this data-parallel across machines, and what is synchronised after each batch?",
    ],
    hints: [
      "Compute all errors of the batch with the weights as they were at the start of the batch.",
      "Update after every batch, not after the whole epoch.",
      "Round only the final result, not the intermediate values.",
    ],
    goodAnswerL4:
      "Slices the data into batches, computes predictions and errors with the current weights, accumulates the gradient per feature, scales by 2/m and updates after each batch; rounds only at the end. Checks the example by hand and handles a batch size larger than the data.",
    goodAnswerL6:
      "Writes clean helpers for prediction and gradient, explains divergence with large steps and the batch-size and learning-rate scaling rule, adds L2 as lambda * w in the weight gradient only, and describes synchronous data-parallel training with gradient all-reduce versus parameter servers.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["ml-adjacent", "optimisation"],
    exercise: {
      language: "python",
      entry: "sgd_epoch",
      starter: `def sgd_epoch(X, y, w, b, lr, batch_size):
    """One epoch of mini-batch gradient descent for linear regression (MSE).

    X: list of feature rows; y: list of targets; w: list of weights; b: bias;
    lr: learning rate; batch_size: rows per batch, the last batch may be smaller.
    Returns [w, b] with every number rounded to 4 decimals.
    """
    raise NotImplementedError
`,
      reference: `def sgd_epoch(X, y, w, b, lr, batch_size):
    weights = list(w)
    bias = b
    for first in range(0, len(X), batch_size):
        rows = X[first:first + batch_size]
        targets = y[first:first + batch_size]
        m = len(rows)
        errors = [
            sum(wj * xj for wj, xj in zip(weights, row)) + bias - target
            for row, target in zip(rows, targets)
        ]
        weight_gradient = [
            2 / m * sum(error * row[j] for error, row in zip(errors, rows))
            for j in range(len(weights))
        ]
        bias_gradient = 2 / m * sum(errors)
        weights = [wj - lr * gj for wj, gj in zip(weights, weight_gradient)]
        bias -= lr * bias_gradient
    return [[round(wj, 4) for wj in weights], round(bias, 4)]
`,
      examples: [
        { args: [[[1], [2]], [3, 5], [0], 0, 0.1, 1], expected: [[1.88], 1.24] },
        { args: [[[1], [2]], [3, 5], [0], 0, 0.1, 2], expected: [[1.3], 0.8] },
      ],
      hidden: [
        { args: [[], [], [0.5, -0.25], 0.1, 0.1, 4], expected: [[0.5, -0.25], 0.1] },
        {
          args: [
            [
              [1, 2],
              [0, 1],
              [3, -1],
            ],
            [1, 2, 3],
            [0.5, -0.25],
            0.1,
            0,
            2,
          ],
          expected: [[0.5, -0.25], 0.1],
        },
        {
          args: [
            [
              [1, 2],
              [0, 1],
              [3, -1],
            ],
            [1, 2, 3],
            [0.5, -0.25],
            0.1,
            0.05,
            10,
          ],
          expected: [[0.645, -0.1567], 0.24],
        },
        {
          args: [
            [
              [1, 2],
              [0, 1],
              [3, -1],
            ],
            [1, 2, 3],
            [0.5, -0.25],
            0.1,
            0.05,
            2,
          ],
          expected: [[0.863, -0.1585], 0.3585],
        },
      ],
    },
  },
  {
    slug: "split-tasks-across-workers",
    title: "Balance an ordered task list across workers",
    prompt:
      "A pipeline has tasks that must stay in order, with durations in seconds. They are split into at most workers contiguous groups, each group run by one worker, and the pipeline finishes when the busiest worker does. Write split_tasks(durations, workers) returning the smallest possible finishing time, that is the smallest possible maximum group sum.\n\nExample: split_tasks([7, 2, 5, 10, 8], 2) -> 18 ([7, 2, 5] and [10, 8]).\n\nConstraints: 1 <= len(durations) <= 100,000; durations are non-negative integers up to 10^6; 1 <= workers <= 10,000.",
    followUps: [
      "Return the split itself, not only the finishing time.",
      "Tasks no longer need to stay in order. How hard does the problem become, and what would you do?",
      "Workers have different speeds. What changes?",
    ],
    hints: [
      "For a candidate finishing time T, a greedy pass tells you how many workers you need.",
      "The number of workers needed only goes down as T grows, so binary search on T.",
    ],
    goodAnswerL4:
      "Binary searches T between the largest task and the total, with a greedy check that opens a new group when adding the next task would exceed T. Handles more workers than tasks and zero durations, and states O(n log(sum)).",
    goodAnswerL6:
      "Writes the binary search with a clear feasibility helper and correct bounds, reconstructs the groups, explains that the unordered version is NP-hard (multiprocessor scheduling) and proposes longest-processing-time-first with its 4/3 bound, and adapts the check for heterogeneous speeds.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["binary-search", "greedy", "dynamic-programming"],
    exercise: {
      language: "python",
      entry: "split_tasks",
      starter: `def split_tasks(durations, workers):
    """Smallest possible maximum group sum when splitting durations, in order,
    into at most workers contiguous groups.

    durations: non-empty list of non-negative ints; workers: int >= 1.
    Returns an int.
    """
    raise NotImplementedError
`,
      reference: `def workers_needed(durations, limit):
    groups, load = 1, 0
    for duration in durations:
        if load + duration > limit:
            groups += 1
            load = 0
        load += duration
    return groups


def split_tasks(durations, workers):
    low, high = max(durations), sum(durations)
    while low < high:
        middle = (low + high) // 2
        if workers_needed(durations, middle) <= workers:
            high = middle
        else:
            low = middle + 1
    return low
`,
      examples: [
        { args: [[7, 2, 5, 10, 8], 2], expected: 18 },
        { args: [[1, 2, 3, 4, 5], 2], expected: 9 },
      ],
      hidden: [
        { args: [[5], 3], expected: 5 },
        { args: [[3, 1, 4], 5], expected: 4 },
        { args: [[3, 1, 4], 1], expected: 8 },
        { args: [[0, 0, 0], 2], expected: 0 },
        { args: [[1, 4, 4], 3], expected: 4 },
      ],
    },
  },
];

// A tree that is one long chain of left children 1..n, in the two encodings: long enough
// that a recursive solution with Python's default recursion limit fails.
function leftChainPreorder(n: number): (number | null)[] {
  const values: (number | null)[] = Array.from({ length: n }, (_, i) => i + 1);
  return [...values, ...Array.from({ length: n + 1 }, () => null)];
}

function leftChainLevelOrder(n: number): (number | null)[] {
  const encoded: (number | null)[] = [1];
  for (let value = 2; value <= n; value++) encoded.push(value, null);
  if (encoded[encoded.length - 1] === null) encoded.pop();
  return encoded;
}
