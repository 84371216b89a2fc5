import type { QuestionBank, QuestionDefinition } from "./question-types";

// The question bank for the Databricks loop, written in our own words from the
// topics in the domain brief. Each round's questions together span L3..L7.

const recruiterScreen: QuestionDefinition[] = [
  {
    slug: "background-walkthrough",
    title: "Walk me through your background",
    prompt:
      "To start, give me a three-minute tour of your career so far. Pick the two or three pieces of work you are proudest of and, for each, tell me what the system did, what you personally built and what changed because of it.",
    followUps: [
      "Of those projects, which one is closest to the kind of work you want to do next, and why?",
      "What was the size of the team, and which decisions were yours rather than the team's?",
      "If I called your last manager, what would they say is your strongest area?",
    ],
    hints: [
      "Lead with the project, then your role, then a number that shows the result.",
      "It is fine to skip older roles; spend the time on the work that matches this position.",
    ],
    goodAnswerL4:
      "Names two recent projects with a one-line description of each system, their own contribution (for example 'I built the ingestion job and its backfill tooling') and a measurable result such as latency or cost. Stays within the time and makes it obvious which area they want to grow in.",
    goodAnswerL6:
      "Tells a coherent story of widening scope: from owning a component to setting direction for a platform used by several teams. Each example carries their specific technical decisions, the people they had to influence and a business-level outcome, and the arc points clearly at one track.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["background", "communication"],
  },
  {
    slug: "target-level-case",
    title: "Which level should we interview you at?",
    prompt:
      "We calibrate every interviewer to a target level before the onsite, so I need to agree one with you today. Which level do you think fits you, and what work from the last two years supports that?",
    followUps: [
      "Give me an example of a decision you drove that affected people outside your own team.",
      "What would be different about your day-to-day at the level above the one you named?",
      "If the loop came back one level lower than you asked for, how would you think about that?",
    ],
    hints: [
      "Think in terms of scope: how many teams or systems depended on your decisions?",
      "Concrete ownership examples are more persuasive than years of experience.",
    ],
    goodAnswerL4:
      "States a level plainly and backs it with scope rather than tenure, for instance a project where they owned the design, ran the launch and handled on-call follow-ups. Acknowledges which parts of the next level they have not yet shown.",
    goodAnswerL6:
      "Argues for senior or staff with evidence of multi-team influence: a technical direction they set, the teams that adopted it and what it changed in reliability or cost. Understands that a higher level means a higher bar in every round and chooses the level deliberately.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["leveling", "scope"],
  },
  {
    slug: "spark-production-story",
    title: "Hands-on Spark in production",
    prompt:
      "Tell me about a Spark job or pipeline you personally ran in production. How much data did it process, how often, and what is one problem you had to debug or tune?",
    followUps: [
      "How did you find out the job was misbehaving: alerts, the Spark UI, someone complaining?",
      "What did you change, and how did you confirm the change actually helped?",
      "Was it batch, streaming, or both?",
    ],
    hints: [
      "Rough numbers are fine: rows per day, cluster size, runtime before and after.",
      "A small internship or side-project pipeline counts if you really ran it.",
    ],
    goodAnswerL4:
      "Describes a real pipeline with data volume and schedule, a concrete symptom (a stage that took an hour, tasks failing on memory) and the fix, such as repartitioning or switching to a broadcast join, with a before and after runtime.",
    goodAnswerL6:
      "Talks about Spark at platform scale: choosing cluster and table layout standards for many teams, driving a cost or reliability programme and explaining the trade-offs made. Backs it with numbers on spend, SLA breaches or job counts.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["spark", "hands-on-experience"],
  },
  {
    slug: "mlflow-delta-experience",
    title: "Experience with MLflow, Delta or similar tooling",
    prompt:
      "Have you worked with MLflow, Delta Lake, or comparable tools for experiment tracking, model versioning or transactional tables? Describe what you used them for and one thing you would set up differently now.",
    followUps: [
      "How did a model get from an experiment into production in that setup?",
      "Did you ever rely on table history or time travel to recover from a bad write?",
      "If you used a different tool, how does it compare?",
    ],
    hints: [
      "Equivalent tools (a homegrown registry, Iceberg, Hudi, Weights & Biases) are fine to talk about.",
      "Focus on the workflow the tool supported, not a list of features.",
    ],
    goodAnswerL4:
      "Explains a concrete workflow, for example logging runs with parameters and metrics, registering the best model and promoting it after validation, or using MERGE on a Delta table for upserts. Names a specific pain point and the change they would make.",
    goodAnswerL6:
      "Describes designing or standardising the workflow across teams: conventions for run metadata, promotion gates, lineage from table versions to model versions, and how they measured adoption. Compares alternatives with clear reasons.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["mlflow", "delta-lake", "hands-on-experience"],
  },
  {
    slug: "motivation-why-now",
    title: "Why this role, and why now?",
    prompt:
      "What is drawing you to this company and to this particular role at this point in your career? What would you want to be working on in your first year?",
    followUps: [
      "Which of our products have you used, and what would you change about one of them?",
      "What are you optimising for in your next role beyond the work itself?",
      "What would make you turn down an offer from us?",
    ],
    hints: [
      "Specific product or problem-space interest lands better than the brand.",
      "Connect what you have done to what the team does.",
    ],
    goodAnswerL4:
      "Gives reasons tied to the product or the problem space, such as having used the platform to run pipelines and wanting to build it, and links them to a learning goal. Names a first-year project area that fits the role.",
    goodAnswerL6:
      "Connects their track record to where the company's platform is heading and to a gap they could fill, with a realistic first-year agenda. Is candid about trade-offs they are weighing and what they need from the team.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["motivation"],
  },
  {
    slug: "track-fit",
    title: "Which track fits you best?",
    prompt:
      "We interview engineers on a few tracks: platform ML, research engineering, backend, and data science. Based on what you enjoy most and what you have done, which one should your loop follow, and what would you want the interviewers to see?",
    followUps: [
      "Which part of the track you chose feels weakest for you today?",
      "Would you be open to a different track if the team thought it fit better?",
    ],
    hints: [
      "Think about which of your projects you could talk about for an hour.",
      "Each track has a different onsite shape; pick the one whose rounds match your depth.",
    ],
    goodAnswerL4:
      "Picks one track, explains it with two pieces of work that match its rounds (for example distributed pipelines for platform ML) and is honest about a weaker area they are preparing for.",
    goodAnswerL6:
      "Chooses a track based on where they add the most leverage, shows depth in its hardest rounds and can explain how their experience spans adjacent tracks without diluting the story.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["specialization", "background"],
  },
  {
    slug: "influence-beyond-team",
    title: "Your footprint beyond your own team",
    prompt:
      "For staff and principal roles we look for impact that reaches past a single team. Describe the widest-reaching technical change you led: who had to agree, how you got them there and what it changed for the organisation.",
    followUps: [
      "Who disagreed, and what did you learn from them?",
      "How is that change holding up now that you have moved on from it?",
      "What did you stop doing so you could take that on?",
    ],
    hints: [
      "Name the teams and roughly how many engineers the change touched.",
      "Include the mechanism: a design review, a migration plan, an internal standard.",
    ],
    goodAnswerL4:
      "An L4 candidate would not usually get this question; a good answer names a cross-team change they contributed to, their specific piece, and how they helped it land.",
    goodAnswerL6:
      "Describes a change that several teams adopted, such as a shared feature platform or a new reliability standard, the mechanism used to build agreement, resistance they handled, and a durable organisational result measured in cost, incidents or velocity.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["leveling", "influence"],
  },
];

const phoneScreen: QuestionDefinition[] = [
  {
    slug: "grid-shortest-path",
    title: "Shortest path through a grid with obstacles",
    prompt:
      "You are given a grid of characters: '.' is an open cell, '#' is a wall, 'S' is the start and 'T' is the target (exactly one each). From any cell you may move up, down, left or right into an open cell or the target. Return the minimum number of moves from S to T, or -1 if T cannot be reached.\n\nExample:\nS.#\n.#.\n..T\nOutput: 4 (down, down, right, right).\n\nConstraints: the grid is at most 1000 x 1000; write the solution in Python.",
    followUps: [
      "Now you may knock down at most k walls along the way. How does the search change?",
      "Cells now have entry costs from 1 to 9. What algorithm do you switch to, and what is its complexity?",
      "How would you return the path itself, not only its length?",
    ],
    hints: [
      "Every move costs the same, so the first time you reach a cell is the shortest way there.",
      "Mark cells visited when you enqueue them, not when you pop them, to avoid duplicates.",
      "For the wall-removal variant, the state is (row, column, walls removed so far).",
    ],
    goodAnswerL4:
      "Implements breadth-first search from S with a queue and a visited grid, returns the distance when T is dequeued and -1 when the queue empties. States O(rows x columns) time and space and tests the unreachable and start-next-to-target cases.",
    goodAnswerL6:
      "Writes clean BFS quickly, then extends the state to include walls removed and explains the O(rows x columns x k) bound, and moves to Dijkstra with a heap for weighted cells. Discusses memory at the upper limit and how to reconstruct the path with parent pointers.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["graphs", "bfs"],
  },
  {
    slug: "tree-serialization",
    title: "Serialize and rebuild a binary tree",
    prompt:
      'Design two functions: serialize(root) turns a binary tree of integers into a string, and deserialize(text) rebuilds an identical tree from that string. Any format is fine as long as deserialize(serialize(t)) produces the same shape and values.\n\nExample: the tree with root 1, left child 2, and right child 3 whose children are 4 and 5 might serialize to "1,2,#,#,3,4,#,#,5,#,#" and must come back as the same tree.\n\nConstraints: up to 10,000 nodes; values may be negative or have several digits; the tree may be a single long chain.',
    followUps: [
      "A chain of 10,000 nodes breaks a recursive solution in Python. How do you fix that?",
      "How would the format change if the tree were a binary search tree?",
      "How would you make the encoding more compact for a mostly complete tree?",
    ],
    hints: [
      "A preorder walk that writes a marker for every missing child captures the shape completely.",
      "Deserialize by consuming tokens from an iterator in the same order you wrote them.",
    ],
    goodAnswerL4:
      "Uses preorder with null markers and a delimiter, deserializes with an iterator over tokens, and handles negative and multi-digit values. Notes O(n) time and space and tests the empty tree and a single node.",
    goodAnswerL6:
      "Delivers the preorder solution and proactively makes both directions iterative to survive deep trees, explains why a BST can drop null markers, and weighs a level-order encoding or a binary format for size.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["trees", "serialization"],
  },
  {
    slug: "longest-window-k-services",
    title: "Longest stretch of requests touching at most k services",
    prompt:
      'A request log lists, in order, the name of the service each request hit. Given the list and an integer k, return the length of the longest contiguous stretch of requests that involves at most k distinct services.\n\nExample: services = ["api", "db", "api", "cache", "api", "db"], k = 2 -> 3 (for instance "api", "db", "api").\n\nConstraints: up to 100,000 entries; 1 <= k <= 100,000; aim for linear time.',
    followUps: [
      "Return the start and end index of the stretch as well.",
      "The log is an endless stream and you must report the current best at any moment. What changes?",
      "What if k is larger than the number of distinct services?",
    ],
    hints: [
      "Keep a window with a count per service inside it.",
      "When the window holds too many distinct services, advance its left edge until it does not.",
    ],
    goodAnswerL4:
      "Uses a sliding window with a dictionary of counts, shrinks from the left when the number of keys exceeds k, deletes keys whose count reaches zero, and tracks the best length. States O(n) time and O(k) space and tests k larger than the distinct count.",
    goodAnswerL6:
      "Solves the core problem quickly with clear naming, then reasons about the streaming variant, bounded memory and reporting indices, and explains why each element enters and leaves the window at most once.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["sliding-window", "hash-maps"],
  },
  {
    slug: "greedy-subword-tokenizer",
    title: "A greedy subword tokenizer",
    prompt:
      'Implement tokenize(word, vocab). Starting at the beginning of the word, repeatedly take the longest vocabulary entry that matches at the current position and move past it. If at some position no entry matches, the whole word becomes the single token "[UNK]".\n\nExample: vocab = {"spark", "sp", "ark", "park", "ing", "s"}\n- "sparking" -> ["spark", "ing"]\n- "sparks" -> ["spark", "s"]\n- "parkx" -> ["[UNK]"]\n\nConstraints: up to 50,000 vocabulary entries of at most 20 characters; words up to 100 characters; many words will be tokenized with the same vocabulary.',
    followUps: [
      "How would a trie change the cost per word?",
      "Greedy matching can miss a split that exists. Give an example and return the split with the fewest tokens instead.",
      "Extend it to whole sentences, splitting on whitespace and keeping punctuation as its own token.",
    ],
    hints: [
      "At each position try lengths from the longest possible down to 1.",
      "For the fewest-tokens variant, think of the best split of every suffix.",
    ],
    goodAnswerL4:
      "Writes the greedy loop with a set lookup, trying candidate lengths from 20 down to 1, returns [UNK] on a dead end, and states O(L x 20) lookups per word. Tests an empty word and a word equal to one vocabulary entry.",
    goodAnswerL6:
      'Builds a trie for one pass per position, shows a case where greedy fails (vocab {"ab", "abc", "cd"} on "abcd") and solves the minimum-token split with dynamic programming, then relates the design to how production tokenizers pre-split text and handle unknown characters.',
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["strings", "dynamic-programming", "ml-adjacent"],
  },
  {
    slug: "logistic-regression-step",
    title: "One gradient-descent step for logistic regression",
    prompt:
      "Without numpy or any ML library, write step(X, y, w, b, lr) that performs one full-batch gradient-descent update of a logistic regression model with mean log-loss and returns the new (w, b). X is a list of n feature rows of length d, y a list of 0/1 labels.\n\nExample: X = [[1, 2], [2, 0]], y = [1, 0], w = [0, 0], b = 0, lr = 0.1 -> w = [-0.025, 0.05], b = 0.0.\n\nConstraints: n up to 100,000, d up to 100; scores can be large in magnitude, so the sigmoid must not overflow.",
    followUps: [
      "Add L2 regularisation. Should the bias be regularised?",
      "How would you turn this into mini-batch stochastic gradient descent?",
      "How would you check your gradient is correct?",
    ],
    hints: [
      "The gradient of the mean log-loss with respect to w is the average of (prediction - label) times the row.",
      "For a very negative score, compute the sigmoid as exp(z) / (1 + exp(z)) to avoid overflow.",
    ],
    goodAnswerL4:
      "Computes predictions with a numerically stable sigmoid, accumulates (p - y) times x and (p - y), divides by n and applies the update; reproduces the example. States O(n x d) time and notes the stability issue without prompting.",
    goodAnswerL6:
      "Writes the same cleanly and then discusses regularisation without penalising the bias, finite-difference gradient checks, mini-batching and shuffling, feature scaling and how the computation would be distributed over partitions by summing partial gradients.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["ml-adjacent", "math"],
  },
  {
    slug: "detect-feature-drift",
    title: "Spotting drift in a model input",
    prompt:
      "A model was trained on last quarter's data and one of its inputs is the customer's average basket size. How would you find out whether that feature's distribution in live traffic has moved away from what the model saw in training, and what would you do if it had?",
    followUps: [
      "Which statistic would you compute, and how would you pick an alerting threshold?",
      "How do you tell harmful drift from drift that does not hurt the model?",
      "What changes if the feature is categorical with thousands of values?",
    ],
    hints: [
      "Start by deciding what to compare: a training reference against a recent window.",
      "Distribution distances such as the population stability index or a two-sample test are common choices.",
    ],
    goodAnswerL4:
      "Proposes storing a reference histogram from training, computing a distance such as PSI or a Kolmogorov-Smirnov statistic over a daily window, and alerting above a threshold. Mentions checking model performance when labels arrive before retraining.",
    goodAnswerL6:
      "Separates data drift from concept drift, chooses tests suited to numeric and high-cardinality features, controls false alarms across hundreds of features, ties alerts to performance impact or proxy metrics and outlines a retraining or rollback policy with owners.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["drift", "ml-concepts"],
  },
];

const coding: QuestionDefinition[] = [
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

const sparkDeepDive: QuestionDefinition[] = [
  {
    slug: "small-files-slowdown",
    title: "A job three times slower on many small files",
    prompt:
      "A daily Spark job reads a table stored as about 10,000 small Parquet files, a few megabytes each. The same data as a few hundred larger files runs three times faster. Explain where the time is going and how you would fix it, both for this job and for the table going forward.",
    followUps: [
      "How do spark.sql.files.maxPartitionBytes and openCostInBytes affect the number of read tasks?",
      "What do OPTIMIZE and Z-ordering do on a Delta table, and when would you run them?",
      "How did the table end up with so many small files in the first place, and how do you stop it?",
    ],
    hints: [
      "Think about the fixed cost of each file and each task, not only the bytes read.",
      "Listing and footer reads happen per file.",
      "Look at how the writer partitions its output.",
    ],
    goodAnswerL4:
      "Identifies per-file overhead: listing, opening and reading footers, plus scheduling thousands of tiny tasks. Proposes compacting the files (OPTIMIZE or a rewrite with repartition), tuning maxPartitionBytes so reads are packed into fewer tasks, and fixing the writer so it produces fewer, larger files.",
    goodAnswerL6:
      "Quantifies driver and task overhead, checks whether skew or over-partitioning on a high-cardinality column is the real cause, and sets a table layout policy: target file sizes, optimised writes or auto-compaction, Z-ordering or clustering on common filters for data skipping, and a maintenance schedule with its cost.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["small-files", "delta-lake", "partitioning"],
  },
  {
    slug: "cache-and-storage-levels",
    title: "When to cache, and at which storage level",
    prompt:
      "A notebook builds a cleaned DataFrame from raw events and then runs five different aggregations on it. A colleague added .cache() to everything and the cluster now spills and slows down. When is caching worth it, which storage level would you choose here, and what should the code look like?",
    followUps: [
      "What is the difference between MEMORY_ONLY, MEMORY_AND_DISK and the serialised variants?",
      "When does the cache actually get populated?",
      "Why does forgetting unpersist() matter in a long-running job?",
    ],
    hints: [
      "Caching only pays off when the same result is reused and is expensive to recompute.",
      "Caching is lazy; the first action fills it.",
    ],
    goodAnswerL4:
      "Caches only the reused cleaned DataFrame, chooses MEMORY_AND_DISK so partitions that do not fit spill rather than recompute, triggers it with the first aggregation, and calls unpersist() once the five aggregations are done. Explains how to confirm in the Storage tab.",
    goodAnswerL6:
      "Weighs recompute cost against memory pressure on execution memory, considers serialised storage, checkpointing or writing an intermediate Delta table when lineage is long or results are shared across jobs, and sets team guidance for caching in shared clusters.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["caching", "memory"],
  },
  {
    slug: "groupbykey-vs-reducebykey",
    title: "groupByKey versus reduceByKey",
    prompt:
      "Given an RDD of (user_id, bytes_downloaded) pairs, a colleague computes per-user totals with groupByKey followed by summing each group. Explain what happens at runtime, why reduceByKey is usually better here, and when grouping really is needed.",
    followUps: [
      "What does the equivalent DataFrame code look like, and does the same issue apply?",
      "What is a map-side combine, and when does it not help?",
      "How would you compute the per-user median instead of the sum?",
    ],
    hints: [
      "Think about what crosses the network during the shuffle in each version.",
      "A sum can be partially computed before the shuffle.",
    ],
    goodAnswerL4:
      "Explains that groupByKey ships every value across the shuffle and builds full per-key lists in memory, risking OOM on heavy users, while reduceByKey combines values on the map side so only partial sums move. Notes that DataFrame groupBy().agg(sum) does partial aggregation automatically.",
    goodAnswerL6:
      "Covers the same, then discusses aggregations that cannot be combined cheaply (exact medians, collecting lists), alternatives such as aggregateByKey with bounded state or approximate percentiles, and how skewed keys defeat map-side combining.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["shuffle", "aggregation"],
  },
  {
    slug: "stages-and-shuffles",
    title: "From code to stages and tasks",
    prompt:
      "Here is a pipeline: read a Parquet table of orders, filter to last month, add a column, join with a customers table on customer_id, group by country and count, then write the result. Walk me through how Spark turns this into jobs, stages and tasks, and point out where shuffles happen.",
    followUps: [
      "Which of these steps are narrow and which are wide transformations?",
      "What decides the number of tasks in the stage after a shuffle?",
      "How would the plan change if the customers table were small?",
    ],
    hints: [
      "Nothing runs until the write; that action creates the job.",
      "A stage boundary appears wherever data has to be redistributed by key.",
    ],
    goodAnswerL4:
      "Explains lazy evaluation and that the write triggers a job, marks filter and withColumn as narrow, identifies shuffles for a sort-merge join and for the groupBy, and says post-shuffle task count comes from spark.sql.shuffle.partitions unless adaptive execution coalesces it. Mentions a broadcast join removing a shuffle for a small dimension table.",
    goodAnswerL6:
      "Walks through the same precisely, including pushdown of the filter into the scan, partial and final aggregation around the exchange, how to read it all in the Spark UI, and when the optimiser or adaptive execution would switch join strategies at runtime.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["execution-model", "shuffle"],
  },
  {
    slug: "read-query-plan",
    title: "Reading a physical plan",
    prompt:
      'I will share the output of explain("formatted") for a slow query that joins a 2 TB fact table with three dimension tables and aggregates the result. Talk me through how you read it: what each major operator means, where the expensive parts are, and what you would change. (Interviewer: paste a plan with a SortMergeJoin on a small dimension, a filter applied after the join, and no partition pruning.)',
    followUps: [
      "Why did the optimiser not broadcast the small dimension table, and how would you confirm that?",
      "What does it mean when a filter appears above the scan rather than inside it as a pushed filter?",
      "How do the logical, optimised and physical plans differ?",
    ],
    hints: [
      "Read from the leaves (scans) upward.",
      "Look for Exchange nodes, join strategies and whether filters reached the scan.",
      "Table statistics drive many of the optimiser's choices.",
    ],
    goodAnswerL4:
      "Reads bottom-up, identifies scans, Exchange (shuffle) nodes and the join type, notices the missing pushed filters and partition filters, and proposes moving the predicate so it can be pushed, broadcasting the small dimension and checking the result in the SQL tab of the UI.",
    goodAnswerL6:
      "Explains the optimiser's phases and rules (predicate pushdown, column pruning, join reordering), why missing or stale statistics led to a sort-merge join, and fixes them with ANALYZE, hints or adaptive execution. Relates operator cost to data sizes and discusses whether a vectorised engine would change the bottleneck.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["query-plans", "catalyst"],
  },
  {
    slug: "executor-oom",
    title: "Debugging an executor out-of-memory",
    prompt:
      "A nightly job started failing with executors killed for exceeding memory, always in the same stage, after a new data source was added. How would you work out the cause, and what options do you have to fix it?",
    followUps: [
      "How is an executor's memory split between execution, storage, user memory and overhead?",
      "The failure is in a Python UDF stage. Does that change your thinking?",
      "When is adding memory the right fix and when is it hiding the problem?",
    ],
    hints: [
      "Start from the failing stage in the UI: task input sizes, spill and the slowest tasks.",
      "Distinguish the JVM heap running out from the container being killed for total memory.",
    ],
    goodAnswerL4:
      "Finds the stage and compares task metrics to see whether one task is far larger (skew) or all are large (too few partitions). Fixes with more shuffle partitions, avoiding collect or huge broadcasts, and tuning executor memory or memoryOverhead, explaining what each setting controls.",
    goodAnswerL6:
      "Systematically separates heap OOM, off-heap or overhead kills and Python worker memory, reads GC and spill metrics, and ties the failure to the new source's key distribution or row width. Proposes structural fixes such as salting, pre-aggregation or streaming through iterators in UDFs, and adds guardrails so the next source cannot cause the same failure.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["memory", "debugging"],
  },
  {
    slug: "skewed-join",
    title: "A join where one key dominates",
    prompt:
      "You join a clickstream table with a users table on user_id. Most users have a few hundred events, but a handful of bot accounts have tens of millions. The stage finishes 199 of 200 tasks in two minutes and the last one runs for an hour. What is going on, and what are your options?",
    followUps: [
      "Walk me through salting the join: what changes on each side?",
      "How does adaptive query execution's skew-join handling work, and what are its limits?",
      "Would filtering the bot accounts out be the right fix? Who decides?",
    ],
    hints: [
      "All rows with the same key land in the same task after a shuffle.",
      "Can you find the heavy keys before the join and treat them differently?",
    ],
    goodAnswerL4:
      "Recognises key skew from the task-duration distribution, confirms it by counting rows per key, and fixes it with a broadcast join if the users table is small or by salting the heavy keys (random suffix on the big side, replicated rows on the small side). Mentions enabling adaptive skew-join handling.",
    goodAnswerL6:
      "Compares salting, splitting heavy keys into a separate broadcast join and adaptive skew handling on cost and complexity, explains when AQE cannot help (for example skew inside an aggregation or a non-splittable join type) and raises the product question of whether bot traffic belongs in the data at all, with monitoring for new hot keys.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["skew", "joins"],
  },
  {
    slug: "adaptive-execution-and-engines",
    title: "Adaptive execution and vectorised engines",
    prompt:
      "Your organisation runs thousands of SQL and DataFrame jobs. Explain what adaptive query execution changes at runtime, what a vectorised native execution engine changes, and how you would decide which workloads benefit and prove it to the teams paying for the compute.",
    followUps: [
      "Which adaptive optimisations depend on shuffle statistics, and why can they not be made up front?",
      "Give an example of a workload a vectorised engine would not speed up much.",
      "How would you roll out an engine change to thousands of jobs without breaking any?",
    ],
    hints: [
      "Adaptive execution re-plans at stage boundaries using real statistics.",
      "Vectorised engines help most with CPU-bound scans, filters, joins and aggregations on columnar data.",
    ],
    goodAnswerL4:
      "Explains that adaptive execution coalesces shuffle partitions, switches to broadcast joins and splits skewed partitions using statistics from completed stages, and that a vectorised engine processes column batches in native code to cut CPU time. Suggests measuring on a few representative jobs.",
    goodAnswerL6:
      "Covers the mechanisms in depth, identifies workloads that gain little (I/O-bound, UDF-heavy or unsupported operators falling back), designs a benchmark and a gradual rollout with shadow runs, result comparison and cost tracking, and explains the findings in terms of price-performance.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["aqe", "photon", "performance"],
  },
];

const mlSystemDesign: QuestionDefinition[] = [
  {
    slug: "realtime-fraud-feature-store",
    title: "Feature store for real-time fraud detection",
    prompt:
      "Design the feature platform behind a card-payment fraud model. Each authorisation must be scored in under 50 ms end to end, using features such as how many transactions the card made in the last 10 minutes and the customer's 90-day spending profile. The same features must be available, correct as of each past moment, for training.",
    followUps: [
      "How do you guarantee a training example only sees feature values that existed at its event time?",
      "How are the 10-minute velocity features computed and kept fresh?",
      "What happens to scoring if the online store is slow or down?",
      "How would you backfill a new feature over two years of history?",
    ],
    hints: [
      "Separate the offline store for training from the online store for serving, fed by the same definitions.",
      "Streaming aggregations over sliding windows keep velocity features fresh.",
      "Point-in-time joins line up features with labels by timestamp.",
    ],
    goodAnswerL4:
      "Proposes shared feature definitions, a streaming job computing windowed counts into a low-latency key-value store, batch jobs for long-horizon features, and an offline store with timestamps used for point-in-time joins when building training sets. Gives a latency budget split across lookup and model inference.",
    goodAnswerL6:
      "Designs for training-serving consistency with a single transformation definition compiled to batch and streaming, handles late and out-of-order events with watermarks, sizes the online store for peak authorisations per second, defines fallbacks and default values when features are missing, and covers backfills, feature versioning, monitoring of freshness and cost.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["feature-store", "streaming", "fraud"],
  },
  {
    slug: "training-to-serving-registry",
    title: "From training run to production with a model registry",
    prompt:
      "Several teams train models in notebooks and hand pickles to engineers who deploy them by hand. Design the path from training to serving around experiment tracking and a model registry, including how a model is promoted, how it is served and how you roll back.",
    followUps: [
      "What checks must pass before a model moves from staging to production?",
      "How do you ensure the served model sees features computed exactly as in training?",
      "How would you run a new model in shadow or as a canary before it takes all traffic?",
    ],
    hints: [
      "Every run should record code version, data version, parameters and metrics.",
      "Promotion is a state change in the registry that deployment automation reacts to.",
    ],
    goodAnswerL4:
      "Tracks runs with parameters, metrics and artefacts; registers candidate models with a signature; promotes through stages or aliases after automated evaluation against the current champion; deploys to a serving endpoint from the registry; and rolls back by repointing to the previous version.",
    goodAnswerL6:
      "Adds lineage from data snapshot to model version, approval workflows and permissions per stage, packaging of the feature logic with the model, shadow and canary traffic with automatic rollback on metric regression, and organisation-wide templates so teams adopt the path without bespoke work.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["mlflow", "model-registry", "deployment"],
  },
  {
    slug: "recommendations-batch-plus-realtime",
    title: "Recommendations with batch precompute and real-time retrieval",
    prompt:
      "Design the recommendation system for a content app with 50 million users and 5 million items. The home feed must load in 150 ms and react within a session to what the user just watched. Explain what you compute in batch, what you compute online, and how the two fit together.",
    followUps: [
      "How do you handle a brand-new user or a brand-new item?",
      "How do you evaluate a change offline before running an online experiment?",
      "What would you cache, and how do you keep it from going stale?",
    ],
    hints: [
      "Split the problem into candidate generation and ranking.",
      "Embeddings computed offline can be searched online with an approximate nearest-neighbour index.",
    ],
    goodAnswerL4:
      "Proposes nightly jobs that train embeddings and precompute candidate lists per user, an approximate nearest-neighbour index for items similar to recent activity, a ranking model served online using fresh session features, and popularity-based fallbacks for cold start.",
    goodAnswerL6:
      "Details a multi-stage funnel with latency budgets per stage, session features from a stream, index refresh strategy, exploration versus exploitation, position-bias-aware offline evaluation, experiment design with guardrail metrics, and the cost and freshness trade-offs of precomputing for 50 million users.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["recommendations", "retrieval", "batch-vs-streaming"],
  },
  {
    slug: "streaming-drift-monitoring",
    title: "Drift monitoring on a streaming lakehouse",
    prompt:
      "Predictions and their inputs for dozens of models land continuously in lakehouse tables; labels arrive days later. Design a system that detects when inputs or predictions drift and when model quality drops, and that tells the right team.",
    followUps: [
      "Which statistics do you compute, over what windows, and against which baseline?",
      "How do you avoid alert fatigue with hundreds of features per model?",
      "Once labels arrive, how do you join them back to the predictions?",
    ],
    hints: [
      "Log every prediction with a request id, model version, features and timestamp.",
      "Compare recent windows to a reference profile from training or a stable period.",
    ],
    goodAnswerL4:
      "Logs inference requests to a table, runs a scheduled or streaming job computing per-feature distributions and a drift score per window, compares to a training baseline, joins delayed labels by request id to compute accuracy, and pages the owning team via a dashboard and alert thresholds.",
    goodAnswerL6:
      "Builds a reusable monitoring service: profiles computed incrementally per window and model version, statistical tests chosen per feature type, multiple-testing control and feature-importance weighting, slice-level analysis, label-delay handling with proxy metrics, and automated retraining triggers with human approval.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["drift", "monitoring", "streaming"],
  },
  {
    slug: "fine-tuning-vs-rag",
    title: "Fine-tuning or retrieval-augmented generation?",
    prompt:
      "A company wants an assistant that answers employee questions about internal policies and runbooks, which change weekly. Should they fine-tune a language model, build retrieval-augmented generation, or combine the two? Design the system you would recommend and explain how you would know it works.",
    followUps: [
      "How would you chunk and index the documents, and how do you keep the index current?",
      "How do you stop the assistant from revealing documents a user is not allowed to see?",
      "When would fine-tuning be worth the cost here?",
      "What does your evaluation set look like, and who builds it?",
    ],
    hints: [
      "Consider how often the knowledge changes versus how often the style or format must change.",
      "Retrieval quality bounds answer quality.",
    ],
    goodAnswerL4:
      "Recommends RAG because content changes weekly: chunk and embed documents, store them in a vector index with metadata, retrieve top passages per question and prompt the model with them and citations. Mentions re-indexing on document change and an evaluation set of real questions with expected answers.",
    goodAnswerL6:
      "Designs hybrid retrieval with reranking, access control enforced at retrieval time, incremental indexing, and an evaluation harness measuring retrieval recall, groundedness and answer quality with human review. Explains when fine-tuning helps (domain language, output format, smaller cheaper model) and how to combine it with RAG, with cost and latency estimates.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["llm", "rag", "fine-tuning"],
  },
  {
    slug: "llm-inference-serving",
    title: "Serving a large language model at scale",
    prompt:
      "Design the serving layer for a 70-billion-parameter language model used by many internal products: peak load is 2,000 requests per second, prompts average 1,500 tokens and responses 300 tokens. Products care about time to first token and cost per request. Walk me through the architecture and the main levers.",
    followUps: [
      "How does batching work when requests have very different lengths?",
      "What is the key-value cache, and how does it constrain how many requests a GPU can serve?",
      "How would you give a latency-critical product priority over batch summarisation jobs?",
    ],
    hints: [
      "Estimate memory for weights and for the attention cache per request.",
      "Continuous batching, quantisation and model parallelism are the usual levers.",
    ],
    goodAnswerL4:
      "Shards the model across several GPUs per replica, uses a serving engine with continuous batching, autoscales replicas on queue depth, places a gateway in front for routing, quotas and streaming responses, and tracks time to first token, tokens per second and GPU utilisation.",
    goodAnswerL6:
      "Estimates GPU memory for weights and KV cache to size replicas, compares tensor and pipeline parallelism, uses paged KV cache, prefix caching for shared prompts, quantisation and speculative decoding with their quality trade-offs, separates prefill and decode, isolates tenants with priority queues and admission control, and ties capacity planning to cost per thousand tokens.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["llm", "serving", "gpu"],
  },
];

const systemDesign: QuestionDefinition[] = [
  {
    slug: "ml-job-scheduler",
    title: "A scheduler for millions of ML jobs",
    prompt:
      "Design a scheduler that accepts millions of training and batch-inference jobs a day from many teams and places them on a fleet of several thousand nodes with CPUs and GPUs. Jobs declare resource needs and priorities, some need many GPUs at once, and teams have quotas.",
    followUps: [
      "How do you place a job that needs 64 GPUs at the same time without starving smaller jobs?",
      "What happens when the scheduler itself crashes mid-placement?",
      "How do you enforce fairness between teams while keeping utilisation high?",
      "How would preemption work, and what must a job do to survive it?",
    ],
    hints: [
      "Separate accepting and storing jobs from deciding where they run.",
      "Think about the source of truth for node capacity and how it is kept fresh.",
      "Gang scheduling and backfilling are relevant ideas.",
    ],
    goodAnswerL4:
      "Stores jobs durably in a queue or database, runs a scheduler that matches pending jobs to nodes using heartbeated capacity, supports priorities and per-team quotas, and has node agents launch and report jobs. Handles node failure with retries and describes the main APIs.",
    goodAnswerL6:
      "Designs a sharded or optimistic-concurrency scheduler with a consistent cluster state, gang scheduling with reservations and backfill, hierarchical fair share with preemption and checkpoint contracts, topology-aware GPU placement, leader election and idempotent placement for crash recovery, and metrics such as queue time per priority and fleet utilisation.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["scheduling", "distributed-systems"],
  },
  {
    slug: "model-metrics-collection",
    title: "Metrics collection for model monitoring",
    prompt:
      "Design a system that collects operational and model metrics (request rate, latency percentiles, error counts, prediction distributions) from thousands of model-serving replicas, stores them for dashboards and alerting, and keeps 13 months of history.",
    followUps: [
      "How do you compute a p99 latency across many replicas correctly?",
      "A team adds a label with a user id to a metric. What breaks, and how do you protect the system?",
      "How do you downsample old data without losing what matters?",
    ],
    hints: [
      "Decide between replicas pushing metrics and a collector pulling them.",
      "Percentiles cannot be averaged; think about histograms or sketches.",
    ],
    goodAnswerL4:
      "Has replicas expose or push metrics through an agent to a collection tier, writes to a time-series database partitioned by metric and time, serves dashboards and alert rules from it, uses histograms for latency, and rolls up old data to coarser resolution.",
    goodAnswerL6:
      "Designs for cardinality limits with enforcement at ingestion, mergeable sketches for percentiles across replicas, a write path with buffering and back-pressure, hot and cold storage tiers with downsampling, alert evaluation that tolerates late data, and self-monitoring of the pipeline, with capacity estimates in series and samples per second.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["observability", "time-series"],
  },
  {
    slug: "read-heavy-kv-store",
    title: "A read-heavy key-value store for inference",
    prompt:
      "Model servers look up precomputed features and embeddings by key during inference. Design a key-value store serving 1 million reads per second at under 5 ms p99, with about 2 TB of data that is fully rewritten by a batch job every few hours and occasionally updated in between.",
    followUps: [
      "How do you swap in a freshly computed dataset without a latency spike or a mix of old and new values?",
      "How do you spread keys across nodes, and what happens when a node is added?",
      "Some keys are a thousand times hotter than others. What do you do?",
    ],
    hints: [
      "Partition with consistent hashing and replicate for read throughput.",
      "A bulk load can build immutable files offline and have servers switch to them.",
    ],
    goodAnswerL4:
      "Shards keys with consistent hashing across nodes, replicates each shard for reads and availability, keeps data in memory or on fast SSD, routes via a client library or proxy, and handles the batch rewrite by loading a new version side by side and flipping a version pointer.",
    goodAnswerL6:
      "Adds detailed capacity math, versioned immutable snapshots built offline and atomically switched per shard, a write path for incremental updates layered over the snapshot, hot-key mitigation with client-side caching or extra replicas, tail-latency techniques such as hedged requests, and failure handling during rebalancing.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["key-value-store", "sharding", "caching"],
  },
  {
    slug: "multi-tenant-logging",
    title: "Multi-tenant log ingestion and search",
    prompt:
      "Design a logging platform where thousands of customer workspaces send logs from their jobs and services. Customers search the last 30 days of their own logs within seconds, one tenant's burst must not slow others down, and no tenant may ever see another's data.",
    followUps: [
      "One tenant suddenly sends 50 times its normal volume. What happens at each layer?",
      "How do you make search fast without indexing every word of every line?",
      "How would you support a customer asking for 12 months of retention?",
    ],
    hints: [
      "A durable queue between ingestion and indexing absorbs bursts.",
      "Tenant id should be part of every storage and query path, not only a filter.",
    ],
    goodAnswerL4:
      "Puts authenticated ingestion endpoints in front of a partitioned durable log, has indexers write per-tenant, time-partitioned storage, enforces per-tenant rate limits and quotas, and always scopes queries by tenant id taken from the credentials. Moves older data to cheaper storage.",
    goodAnswerL6:
      "Designs isolation at every layer (quotas, per-tenant partitions or cells, noisy-neighbour shedding), chooses an indexing strategy such as indexing only metadata with compressed columnar chunks and brute-force scanning, tiered storage with retention as a per-tenant policy, encryption and access control per tenant, cost attribution and operational concerns like replay after indexer failure.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["multi-tenancy", "logging", "isolation"],
  },
  {
    slug: "fast-python-environments",
    title: "Custom Python environments in under 10 seconds",
    prompt:
      "Users of a notebook and job platform want to specify their own Python packages (a requirements list) and have a cluster or container with that environment ready in under 10 seconds, even though installing the packages from scratch takes minutes. Design the system.",
    followUps: [
      "How do you decide whether two requests can share the same environment?",
      "A popular package publishes a broken release. How does your system behave?",
      "How do you keep the cache from growing without bound?",
    ],
    hints: [
      "Resolve the requirements to exact versions first; that resolved set is a natural cache key.",
      "Think about pre-built layers or archives and how to move them to a node quickly.",
    ],
    goodAnswerL4:
      "Resolves requirements to a lock file, hashes it as a key, builds the environment once into an archive or container layer stored in a shared cache, and on request downloads and mounts the cached artefact. Falls back to building on a miss and pre-warms the most popular environments.",
    goodAnswerL6:
      "Designs layered environments (base image plus deltas), content-addressed storage deduplicating packages across environments, lazy loading of files on first access, node-local caches with prefetching based on usage, a resolver service with pinned mirrors to guard against bad releases, security scanning, eviction policy, and measures of cache hit rate against the 10-second target.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["caching", "containers", "developer-platform"],
  },
  {
    slug: "api-rate-limiting-service",
    title: "Rate limiting for a public API",
    prompt:
      "Design rate limiting for a public REST API served by many stateless servers. Each API key has a limit such as 100 requests per second with short bursts allowed, and limits must hold across all servers. Describe the algorithm, where state lives and what the client sees when it is limited.",
    followUps: [
      "What happens to limiting if the shared store becomes unavailable?",
      "How would you support different limits per endpoint and per customer plan?",
      "How accurate does the limit need to be, and what does exactness cost?",
    ],
    hints: [
      "A token bucket allows bursts while enforcing an average rate.",
      "Counters in a shared in-memory store with atomic operations are a common starting point.",
    ],
    goodAnswerL4:
      "Chooses a token bucket per key, stores counters in a shared in-memory store updated atomically, checks the limit in middleware before handling the request, returns 429 with a Retry-After header, and decides to fail open if the store is unreachable for a short time.",
    goodAnswerL6:
      "Compares algorithms and accuracy, reduces store round trips with local token leases refreshed in batches, shards the counter store and handles hot keys, layers global and per-endpoint limits from a configuration service, and treats limiting as a product feature with headers, plan tiers and monitoring of rejected traffic.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["rate-limiting", "distributed-systems"],
  },
];

const behavioral: QuestionDefinition[] = [
  {
    slug: "customer-obsession-issue-before-customer",
    title: "Customer obsession: a problem you caught first",
    prompt:
      "Tell me about a time you noticed a problem that would have hurt customers before any of them reported it. How did you find it, what did you do, and what changed afterwards?",
    followUps: [
      "How did you know it would matter to customers, and how many would it have affected?",
      "What did you tell customers, if anything?",
      "What did you put in place so that class of problem is caught automatically now?",
    ],
    hints: [
      "Use situation, task, action, result, and keep the situation short.",
      "Give the customer impact you prevented in numbers if you can.",
    ],
    goodAnswerL4:
      "Describes a specific catch, such as noticing a jump in null values in a pipeline feeding a customer report, the steps they took to confirm and fix it before the report went out, and an added data-quality check. Quantifies the customers or revenue protected.",
    goodAnswerL6:
      "Tells a story where they changed how the organisation sees customer impact, for instance introducing customer-facing SLOs or synthetic checks after catching an issue, explains the trade-offs against feature work, and shows a measurable drop in customer-reported incidents.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["customer-obsession"],
  },
  {
    slug: "raising-the-bar-quality",
    title: "Raising the bar: lifting a standard",
    prompt:
      "Tell me about a time you raised the quality bar for your team's work, such as code, design reviews, testing or hiring, when the existing standard was 'good enough'. What resistance did you meet, and what was the result?",
    followUps: [
      "How did you make the case that the extra effort was worth it?",
      "Did the new standard slow anything down, and how did you handle that?",
      "Is the standard still in place? Why or why not?",
    ],
    hints: [
      "Focus on a standard you changed, not a piece of work you did well yourself.",
      "Describe how you brought others along.",
    ],
    goodAnswerL4:
      "Gives a concrete change, such as introducing integration tests for a fragile service or a review checklist, explains how they persuaded the team with data about incidents or rework, and reports a measurable improvement while acknowledging the cost.",
    goodAnswerL6:
      "Describes raising a bar across several teams, for example a design review process or an interviewing standard, with a mechanism that outlasted their involvement, how they handled senior pushback, and evidence that quality improved without stalling delivery.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["raising-the-bar"],
  },
  {
    slug: "truth-seeking-disproved",
    title: "Truth-seeking: when the data proved you wrong",
    prompt:
      "Tell me about a time the results of an experiment, a benchmark or a launch showed that your approach or hypothesis was wrong. How did you react, and what did you do next?",
    followUps: [
      "Before the results came in, how confident were you and why?",
      "Did anyone want to explain the results away? What did you do about it?",
      "What do you do differently now when you form a hypothesis?",
    ],
    hints: [
      "Pick a story where you were really wrong, not one where someone else was.",
      "Be specific about the evidence and how it changed your mind.",
    ],
    goodAnswerL4:
      "Shares a real miss, such as an optimisation that benchmarks showed made things slower, describes checking the measurement before accepting it, dropping or reworking the approach and telling the team openly, and a concrete lesson about testing assumptions earlier.",
    goodAnswerL6:
      "Describes being wrong on a decision with wide impact, such as a platform bet, setting up the experiment that could disprove it, publicly changing course despite sunk cost, and changing how the organisation evaluates similar bets, with no hedging about their own role.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["truth-seeking"],
  },
  {
    slug: "first-principles-rethink",
    title: "First principles: questioning the accepted approach",
    prompt:
      "Tell me about a time you solved a problem by going back to first principles instead of following the accepted way of doing things. What was the accepted approach, what did you question, and how did it turn out?",
    followUps: [
      "What were the basic constraints you reasoned from?",
      "How did you test your reasoning before committing to it?",
      "When is reasoning from scratch the wrong thing to do?",
    ],
    hints: [
      "Say what everyone assumed and why that assumption was worth challenging.",
      "Numbers such as cost, latency or hardware limits often anchor this kind of reasoning.",
    ],
    goodAnswerL4:
      "Describes questioning a default, such as a nightly full rebuild, working out from data volumes and change rates that an incremental approach was feasible, prototyping it, and cutting runtime or cost by a stated amount.",
    goodAnswerL6:
      "Tells of reframing a large problem from its fundamental constraints, such as re-deriving the cost model of a platform from hardware and usage data, which led to an architecture change adopted across teams. Shows how they validated the reasoning and when they chose to follow convention instead.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["first-principles"],
  },
  {
    slug: "bias-for-action-incomplete-data",
    title: "Bias for action: deciding without all the data",
    prompt:
      "Tell me about a time you had to make an important decision before you had all the information you wanted. What did you know and not know, how did you decide, and how did it work out?",
    followUps: [
      "What would waiting have cost?",
      "How did you make the decision easy to reverse if you were wrong?",
      "Looking back, was it the right call? What did you learn when more data arrived?",
    ],
    hints: [
      "Explain the deadline or cost of delay that forced the decision.",
      "Say what you did to limit the risk of being wrong.",
    ],
    goodAnswerL4:
      "Describes a concrete decision, such as rolling back a release during an incident before the root cause was known, states what was known, the cost of waiting, the mitigation chosen and the outcome, including what they would change.",
    goodAnswerL6:
      "Describes a high-stakes call with real ambiguity, such as committing a team to a migration path, distinguishes reversible from irreversible parts, sets checkpoints and signals that would trigger a change of course, and reflects honestly on the result.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["bias-for-action", "ambiguity"],
  },
  {
    slug: "company-first-conflicting-priorities",
    title: "Company first: choosing the bigger goal",
    prompt:
      "Tell me about a time when what was best for your team or for you conflicted with what was best for the company, for example competing priorities between product and engineering. What did you choose, and how did you handle the people affected?",
    followUps: [
      "What did your team give up, and how did they feel about it?",
      "How did you know which option was better for the company?",
      "Would you make the same call again?",
    ],
    hints: [
      "Be clear about what the trade-off cost your own team.",
      "Describe how you communicated the decision.",
    ],
    goodAnswerL4:
      "Describes setting aside a planned project to help another team hit a critical launch, or accepting a less elegant solution to ship sooner for customers, explains why it mattered to the company and how they kept their own commitments visible.",
    goodAnswerL6:
      "Describes a significant trade-off at organisational level, such as deprecating their own team's system in favour of another team's platform, explains the reasoning in terms of company outcomes, how they brought their team along and the measurable result.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["company-first", "prioritization"],
  },
  {
    slug: "disagree-and-commit-tradeoff",
    title: "A technical trade-off you disagreed with",
    prompt:
      "Tell me about a time a technical trade-off you disagreed with was chosen anyway. How did you argue your case, what did you do once the decision was made, and what happened in the end?",
    followUps: [
      "What was the strongest argument for the option you opposed?",
      "How did you work on the chosen approach without undermining it?",
      "If it went badly, how did you raise it without saying 'I told you so'?",
    ],
    hints: [
      "Show that you understood the other side, not only your own view.",
      "Describe what you did after the decision, not only before.",
    ],
    goodAnswerL4:
      "Describes disagreeing on, for example, choosing a quick schema hack over a migration, making the case with data, then committing fully to the chosen approach, documenting the risk and following up constructively when the issue surfaced.",
    goodAnswerL6:
      "Describes a contested architectural decision, shows they steel-manned the other position, escalated through the right forum, committed visibly once decided, and set up signals to revisit it. Reflects on what they learned about their own judgement either way.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["truth-seeking", "collaboration"],
  },
];

const hiringManager: QuestionDefinition[] = [
  {
    slug: "career-arc",
    title: "Your career arc and what is next",
    prompt:
      "Walk me through the major transitions in your career: why you made each move, what you learned, and where you want to be in three years. How does this role fit into that path?",
    followUps: [
      "Which move taught you the most, and what made it hard?",
      "What kind of work drains you, and how have you dealt with that?",
      "What would make this role a success for you after one year?",
    ],
    hints: [
      "Focus on the reasons behind each move rather than the list of employers.",
      "Be concrete about the next step you want.",
    ],
    goodAnswerL4:
      "Explains moves with clear reasons tied to learning and ownership, shows growth from executing tasks to owning features, and names a concrete next step that this role provides, such as owning a service end to end.",
    goodAnswerL6:
      "Presents a deliberate arc of increasing scope and influence, reflects on what each phase taught about leadership and technical judgement, and describes a three-year goal that aligns with the team's charter and the impact expected at staff level.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["career", "motivation"],
  },
  {
    slug: "ambiguity-at-scale",
    title: "Leading through ambiguity at scale",
    prompt:
      "Tell me about the most ambiguous problem you have owned, where neither the goal nor the approach was clear and several teams were involved. How did you create clarity, and what was the outcome?",
    followUps: [
      "How did you decide what not to do?",
      "Who did you need to align, and where did you meet the most resistance?",
      "How did you measure progress when the goal itself was moving?",
    ],
    hints: [
      "Describe the first few concrete steps you took to narrow the problem.",
      "Talk about how you communicated the plan as it changed.",
    ],
    goodAnswerL4:
      "Describes turning a vague request into a scoped project, for example by interviewing users, writing a short proposal with options and getting a decision, then delivering a first version and iterating. Shows initiative within a single team.",
    goodAnswerL6:
      "Describes framing a multi-team problem, building a shared problem statement and success metrics, breaking it into workstreams with owners, making explicit bets with checkpoints, and managing stakeholders through changing requirements to a measurable outcome.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["ambiguity", "leadership"],
  },
  {
    slug: "why-this-company-and-team",
    title: "Why this company and this team",
    prompt:
      "You have probably talked to several companies. Why are you interested in this one and in this team specifically, and what do you expect to be different here from your current role?",
    followUps: [
      "What do you know about the challenges this team is facing?",
      "What would make you decide another offer is the better choice?",
      "What would you need from me as your manager?",
    ],
    hints: [
      "Refer to something specific about the product or the team's work.",
      "Be honest about what you are weighing.",
    ],
    goodAnswerL4:
      "Refers to specific aspects of the product and the team's charter, connects them to experience and growth goals, and sets realistic expectations about the change from the current role and the support they need.",
    goodAnswerL6:
      "Shows informed understanding of the company's strategy and the team's position in it, identifies where they could change the trajectory, and discusses openly how they weigh competing opportunities and what they need to succeed.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["motivation"],
  },
  {
    slug: "revisit-flagged-area",
    title: "Revisiting an area the loop flagged",
    prompt:
      "Feedback from earlier rounds raised a question about one area. (Interviewer: name the area, for example depth in distributed systems or how the candidate handles disagreement.) Help me understand your experience there: give me a concrete example that shows where you really are.",
    followUps: [
      "What would the people who worked with you on that say?",
      "What are you doing to grow in this area right now?",
      "How would that gap affect your first months in this role, and how would you handle it?",
    ],
    hints: [
      "A specific example carries more weight than a general statement.",
      "It is fine to acknowledge a gap and describe how you are closing it.",
    ],
    goodAnswerL4:
      "Responds without defensiveness, offers a concrete example that addresses the concern, is honest about what was missing in the interview, and describes specific steps being taken to improve, such as a project or deliberate practice.",
    goodAnswerL6:
      "Gives strong evidence from high-scope work that addresses the concern directly, reflects on why it may not have come across in the round, and where a real gap exists, shows self-awareness and a credible plan including how they compensate through the team.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["flagged-areas", "self-awareness"],
  },
  {
    slug: "project-do-differently",
    title: "A project you would do differently",
    prompt:
      "Pick a project you delivered that did not go as well as you hoped. What went wrong, what was your part in it, and what would you do differently if you started again tomorrow?",
    followUps: [
      "When did you first sense it was going off track?",
      "What feedback did you get from your manager or peers?",
      "Have you had a chance to apply the lesson since?",
    ],
    hints: [
      "Own your part rather than focusing on others' mistakes.",
      "Make the lesson specific enough that someone else could apply it.",
    ],
    goodAnswerL4:
      "Names a real project with a clear shortfall, such as a missed deadline caused by underestimating a dependency, takes ownership of their contribution, and describes a specific practice they now use, like early spikes on risky integrations.",
    goodAnswerL6:
      "Describes a project where their technical or organisational judgement fell short, analyses root causes at the level of planning and alignment, and shows how the lesson changed how they run large projects and how they coach others.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["self-awareness", "growth"],
  },
  {
    slug: "growing-others",
    title: "Growing the engineers around you",
    prompt:
      "Tell me about someone whose growth you significantly helped. Where did they start, what did you do, and where are they now? How do you think about multiplying your impact through others?",
    followUps: [
      "How did you adapt your approach to that person?",
      "Tell me about a time mentoring did not work.",
      "How do you balance mentoring against your own deliverables?",
    ],
    hints: [
      "Describe specific actions, such as pairing, delegation or feedback, not general encouragement.",
      "Mention the outcome from the other person's point of view.",
    ],
    goodAnswerL4:
      "Describes mentoring a newer teammate or intern through concrete actions, such as reviewing their designs and handing them a well-scoped component, and shows the result in their independence.",
    goodAnswerL6:
      "Describes a deliberate approach to growing several engineers, including sponsoring them for visible work, and shows results such as promotions or people leading projects, along with how they build mentoring into the team's practices.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["mentoring", "leadership"],
  },
  {
    slug: "technical-vision-first-year",
    title: "Setting technical direction in your first year",
    prompt:
      "Imagine you join and inherit an ML platform that several product teams depend on but complain about: it is slow to onboard, incidents are frequent and the roadmap is reactive. How would you spend your first 90 days, and what would you aim to have changed after a year?",
    followUps: [
      "How would you decide what to fix first?",
      "How would you get the product teams to trust the platform again?",
      "What would you measure to know the strategy is working?",
    ],
    hints: [
      "Start with how you would learn before proposing changes.",
      "Balance quick wins that build trust with longer-term structural work.",
    ],
    goodAnswerL4:
      "An L4 candidate rarely gets this question; a good answer focuses on learning the system and users, picking one painful problem such as onboarding to fix end to end, and measuring the improvement.",
    goodAnswerL6:
      "Lays out a listening phase with users and the team, synthesises the main problems with data on incidents and onboarding time, delivers visible quick wins while writing a one-year technical strategy with clear metrics, and describes how they would align leadership and product teams around it.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["strategy", "leadership"],
  },
];

export const databricksQuestions: QuestionBank = {
  loopSlug: "databricks-ic",
  rounds: {
    "recruiter-screen": recruiterScreen,
    "phone-screen": phoneScreen,
    coding,
    "spark-deep-dive": sparkDeepDive,
    "ml-system-design": mlSystemDesign,
    "system-design": systemDesign,
    behavioral,
    "hiring-manager": hiringManager,
  },
};
