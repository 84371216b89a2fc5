import type { QuestionDefinition } from "../question-types";

// The phone-screen round of the Databricks loop: one medium-to-hard algorithms problem in
// Python, graded as strictly as the onsite, sometimes closed by a short ML concept question.
// Written in our own words from the topics in the domain brief; together the questions span
// L3..L7. The problems deliberately differ from the coding round's classic set so that a
// candidate who practises both rounds meets new material.

/** Level-order values of a tree that is one chain of right children, 1..length. */
function rightChain(length: number): (number | null)[] {
  const values: (number | null)[] = [1];
  for (let value = 2; value <= length; value++) values.push(null, value);
  return values;
}

/** Level-order values of a tree that is one chain of left children, 1..length. */
function leftChain(length: number): (number | null)[] {
  const values: (number | null)[] = [1];
  for (let value = 2; value <= length; value++) values.push(value, null);
  // A level-order list drops trailing empty children.
  if (length > 1) values.pop();
  return values;
}

// Deep enough that a recursive solution hits Python's default limit of 1000 frames.
const DEEP_CHAIN_NODES = 1500;

// Given to the candidate in the pad and used by the reference: the tests call roundtrip, which
// needs a tree built from level-order values and read back the same way.
const TREE_HARNESS = `from collections import deque


class TreeNode:
    def __init__(self, value: int, left: "TreeNode | None" = None, right: "TreeNode | None" = None):
        self.value = value
        self.left = left
        self.right = right


def build_tree(values: list) -> TreeNode | None:
    """Build a tree from level-order values, None marking a missing child (given)."""
    if not values:
        return None
    root = TreeNode(values[0])
    queue = deque([root])
    index = 1
    while queue and index < len(values):
        node = queue.popleft()
        if values[index] is not None:
            node.left = TreeNode(values[index])
            queue.append(node.left)
        index += 1
        if index < len(values) and values[index] is not None:
            node.right = TreeNode(values[index])
            queue.append(node.right)
        index += 1
    return root


def to_level_order(root: TreeNode | None) -> list:
    """List a tree's values in level order, None for missing children, trailing Nones dropped (given)."""
    values = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            values.append(None)
            continue
        values.append(node.value)
        queue.append(node.left)
        queue.append(node.right)
    while values and values[-1] is None:
        values.pop()
    return values


def roundtrip(values: list) -> list:
    """What the tests call (given): build, serialize, deserialize, list in level order again."""
    text = serialize(build_tree(values))
    if not isinstance(text, str):
        raise TypeError("serialize must return a string")
    return to_level_order(deserialize(text))
`;

export const phoneScreen: QuestionDefinition[] = [
  {
    slug: "grid-shortest-path",
    title: "Shortest path through a grid with obstacles",
    prompt:
      "Write shortest_path(grid). The grid is a list of equal-length strings: '.' is an open cell, '#' is a wall, 'S' is the start and 'T' is the target (exactly one each). From any cell you may move up, down, left or right into an open cell or the target. Return the minimum number of moves from S to T as an int, or -1 if T cannot be reached.\n\nExample:\nshortest_path([\"S.#\", \".#.\", \"..T\"]) -> 4 (down, down, right, right)\nshortest_path([\"S#T\"]) -> -1\n\nConstraints: the grid is at most 1000 x 1000; write the solution in Python.",
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
    exercise: {
      language: "python",
      entry: "shortest_path",
      starter: `def shortest_path(grid: list[str]) -> int:
    """Return the fewest moves from 'S' to 'T', or -1 if 'T' cannot be reached."""
    pass
`,
      reference: `from collections import deque


def shortest_path(grid: list[str]) -> int:
    """Return the fewest moves from 'S' to 'T', or -1 if 'T' cannot be reached."""
    rows, cols = len(grid), len(grid[0])
    start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S")
    distance = {start: 0}
    queue = deque([start])
    while queue:
        row, col = queue.popleft()
        if grid[row][col] == "T":
            return distance[(row, col)]
        for next_row, next_col in ((row + 1, col), (row - 1, col), (row, col + 1), (row, col - 1)):
            inside = 0 <= next_row < rows and 0 <= next_col < cols
            if inside and grid[next_row][next_col] != "#" and (next_row, next_col) not in distance:
                distance[(next_row, next_col)] = distance[(row, col)] + 1
                queue.append((next_row, next_col))
    return -1
`,
      examples: [
        { args: [["S.#", ".#.", "..T"]], expected: 4 },
        { args: [["S#T"]], expected: -1 },
      ],
      hidden: [
        { args: [["ST"]], expected: 1 },
        { args: [["S", ".", "T"]], expected: 2 },
        { args: [["S....", "####.", "T....", ".####", "....."]], expected: 10 },
        { args: [["S..", "###", "#T#"]], expected: -1 },
      ],
    },
  },
  {
    slug: "tree-serialization",
    title: "Serialize and rebuild a binary tree",
    prompt:
      "Design two functions: serialize(root) turns a binary tree of integers into a string, and deserialize(text) rebuilds an identical tree from that string. Any format is fine as long as deserialize(serialize(t)) produces the same shape and values.\n\nIn the pad, TreeNode (value, left, right), build_tree(values) and to_level_order(root) are given, and the tests call roundtrip(values): it builds the tree from its level-order values (None for a missing child), serializes it, deserializes the string and lists the result in level order again. It must come back unchanged.\n\nExample: roundtrip([1, 2, 3, None, None, 4, 5]) -> [1, 2, 3, None, None, 4, 5] (root 1, left child 2, right child 3 whose children are 4 and 5); roundtrip([]) -> [].\n\nConstraints: up to 10,000 nodes; values may be negative or have several digits; the tree may be a single long chain.",
    followUps: [
      "A chain of 10,000 nodes breaks a recursive solution in Python. How do you fix that?",
      "How would the format change if the tree were a binary search tree?",
      "How would you make the encoding more compact for a mostly complete tree?",
    ],
    hints: [
      "A preorder or level-order walk that writes a marker for every missing child captures the shape completely.",
      "Deserialize by consuming tokens from an iterator in the same order you wrote them.",
    ],
    goodAnswerL4:
      "Uses preorder or level order with null markers and a delimiter, deserializes by consuming tokens in the same order, and handles negative and multi-digit values. Notes O(n) time and space and tests the empty tree and a single node.",
    goodAnswerL6:
      "Delivers a working encoding and proactively makes both directions iterative to survive deep trees, explains why a BST can drop null markers, and weighs a level-order encoding or a binary format for size.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["trees", "serialization"],
    exercise: {
      language: "python",
      entry: "roundtrip",
      starter: `${TREE_HARNESS}

def serialize(root: TreeNode | None) -> str:
    """Encode the tree as a string that deserialize can turn back into the same tree."""
    pass


def deserialize(text: str) -> TreeNode | None:
    """Rebuild the tree that serialize encoded as text."""
    pass
`,
      reference: `${TREE_HARNESS}

def serialize(root: TreeNode | None) -> str:
    """Encode the tree in level order, '#' marking a missing child."""
    tokens = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            tokens.append("#")
            continue
        tokens.append(str(node.value))
        queue.append(node.left)
        queue.append(node.right)
    return ",".join(tokens)


def deserialize(text: str) -> TreeNode | None:
    """Rebuild the tree from the level-order tokens that serialize wrote."""
    tokens = iter(text.split(","))
    first = next(tokens)
    if first == "#":
        return None
    root = TreeNode(int(first))
    queue = deque([root])
    while queue:
        node = queue.popleft()
        left, right = next(tokens), next(tokens)
        if left != "#":
            node.left = TreeNode(int(left))
            queue.append(node.left)
        if right != "#":
            node.right = TreeNode(int(right))
            queue.append(node.right)
    return root
`,
      examples: [
        { args: [[1, 2, 3, null, null, 4, 5]], expected: [1, 2, 3, null, null, 4, 5] },
        { args: [[]], expected: [] },
      ],
      hidden: [
        { args: [[-7]], expected: [-7] },
        { args: [[10, -200, 3000, null, 45]], expected: [10, -200, 3000, null, 45] },
        { args: [rightChain(DEEP_CHAIN_NODES)], expected: rightChain(DEEP_CHAIN_NODES) },
        { args: [leftChain(DEEP_CHAIN_NODES)], expected: leftChain(DEEP_CHAIN_NODES) },
      ],
    },
  },
  {
    slug: "longest-window-k-services",
    title: "Longest stretch of requests touching at most k services",
    prompt:
      'A request log lists, in order, the name of the service each request hit. Write longest_window(services, k): given the list of names and an integer k, return the length of the longest contiguous stretch of requests that involves at most k distinct services (0 for an empty log).\n\nExample: longest_window(["api", "db", "api", "cache", "api", "db"], 2) -> 3 (for instance "api", "db", "api"); longest_window(["a", "a", "a"], 1) -> 3.\n\nConstraints: up to 100,000 entries; 1 <= k <= 100,000; aim for linear time.',
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
    exercise: {
      language: "python",
      entry: "longest_window",
      starter: `def longest_window(services: list[str], k: int) -> int:
    """Length of the longest contiguous stretch with at most k distinct services."""
    pass
`,
      reference: `def longest_window(services: list[str], k: int) -> int:
    """Length of the longest contiguous stretch with at most k distinct services."""
    counts: dict[str, int] = {}
    best = left = 0
    for right, service in enumerate(services):
        counts[service] = counts.get(service, 0) + 1
        while len(counts) > k:
            leaving = services[left]
            counts[leaving] -= 1
            if counts[leaving] == 0:
                del counts[leaving]
            left += 1
        best = max(best, right - left + 1)
    return best
`,
      examples: [
        { args: [["api", "db", "api", "cache", "api", "db"], 2], expected: 3 },
        { args: [["a", "a", "a"], 1], expected: 3 },
      ],
      hidden: [
        { args: [[], 3], expected: 0 },
        { args: [["a", "b", "c"], 5], expected: 3 },
        { args: [["a", "b", "c", "d"], 1], expected: 1 },
        { args: [["x", "y", "x", "z", "z", "z", "y"], 2], expected: 4 },
      ],
    },
  },
  {
    slug: "greedy-subword-tokenizer",
    title: "A greedy subword tokenizer",
    prompt:
      'Implement tokenize(word, vocab), where vocab is a list of strings. Starting at the beginning of the word, repeatedly take the longest vocabulary entry that matches at the current position and move past it. If at some position no entry matches, the whole word becomes the single token "[UNK]". An empty word gives an empty list.\n\nExample: with vocab = ["spark", "sp", "ark", "park", "ing", "s"]\n- tokenize("sparking", vocab) -> ["spark", "ing"]\n- tokenize("sparks", vocab) -> ["spark", "s"]\n- tokenize("parkx", vocab) -> ["[UNK]"]\n\nConstraints: up to 50,000 vocabulary entries of at most 20 characters; words up to 100 characters; many words will be tokenized with the same vocabulary.',
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
      "Writes the greedy loop with a set lookup, trying candidate lengths from the longest entry down to 1, returns [UNK] on a dead end, and states O(L x 20) lookups per word. Tests an empty word and a word equal to one vocabulary entry.",
    goodAnswerL6:
      'Builds a trie for one pass per position, shows a case where greedy fails (vocab ["ab", "abc", "cd"] on "abcd") and solves the minimum-token split with dynamic programming, then relates the design to how production tokenizers pre-split text and handle unknown characters.',
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["strings", "dynamic-programming", "ml-adjacent"],
    exercise: {
      language: "python",
      entry: "tokenize",
      starter: `def tokenize(word: str, vocab: list[str]) -> list[str]:
    """Split word greedily into the longest matching vocab entries, or ["[UNK]"]."""
    pass
`,
      reference: `def tokenize(word: str, vocab: list[str]) -> list[str]:
    """Split word greedily into the longest matching vocab entries, or ["[UNK]"]."""
    entries = set(vocab)
    longest = max((len(entry) for entry in entries), default=0)
    tokens = []
    position = 0
    while position < len(word):
        for length in range(min(longest, len(word) - position), 0, -1):
            piece = word[position : position + length]
            if piece in entries:
                tokens.append(piece)
                position += length
                break
        else:
            return ["[UNK]"]
    return tokens
`,
      examples: [
        {
          args: ["sparking", ["spark", "sp", "ark", "park", "ing", "s"]],
          expected: ["spark", "ing"],
        },
        { args: ["sparks", ["spark", "sp", "ark", "park", "ing", "s"]], expected: ["spark", "s"] },
        { args: ["parkx", ["spark", "sp", "ark", "park", "ing", "s"]], expected: ["[UNK]"] },
      ],
      hidden: [
        { args: ["", ["a"]], expected: [] },
        { args: ["spark", ["spark", "sp"]], expected: ["spark"] },
        { args: ["abcd", ["ab", "abc", "cd"]], expected: ["[UNK]"] },
        { args: ["sss", ["s"]], expected: ["s", "s", "s"] },
        { args: ["word", []], expected: ["[UNK]"] },
      ],
    },
  },
  {
    slug: "logistic-regression-step",
    title: "One gradient-descent step for logistic regression",
    prompt:
      "Without numpy or any ML library, write step(X, y, w, b, lr) that performs one full-batch gradient-descent update of a logistic regression model with mean log-loss and returns [new_w, new_b], every number rounded to 6 decimal places. X is a list of n feature rows of length d, y a list of 0/1 labels, w a list of d weights, b the bias.\n\nExample: step([[1, 2], [2, 0]], [1, 0], [0, 0], 0, 0.1) -> [[-0.025, 0.05], 0.0].\n\nConstraints: n up to 100,000, d up to 100; scores can be large in magnitude, so the sigmoid must not overflow.",
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
    exercise: {
      language: "python",
      entry: "step",
      starter: `def step(X: list[list[float]], y: list[int], w: list[float], b: float, lr: float) -> list:
    """One full-batch gradient step on mean log-loss; returns [new_w, new_b] rounded to 6 places."""
    pass
`,
      reference: `import math


def sigmoid(z: float) -> float:
    # Branch on the sign so that exp never receives a large positive argument.
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def step(X: list[list[float]], y: list[int], w: list[float], b: float, lr: float) -> list:
    """One full-batch gradient step on mean log-loss; returns [new_w, new_b] rounded to 6 places."""
    n = len(X)
    grad_w = [0.0] * len(w)
    grad_b = 0.0
    for row, label in zip(X, y):
        error = sigmoid(sum(wj * xj for wj, xj in zip(w, row)) + b) - label
        for j, value in enumerate(row):
            grad_w[j] += error * value
        grad_b += error
    # Adding 0.0 turns a rounded -0.0 into 0.0.
    new_w = [round(wj - lr * gj / n, 6) + 0.0 for wj, gj in zip(w, grad_w)]
    new_b = round(b - lr * grad_b / n, 6) + 0.0
    return [new_w, new_b]
`,
      examples: [
        {
          args: [
            [
              [1, 2],
              [2, 0],
            ],
            [1, 0],
            [0, 0],
            0,
            0.1,
          ],
          expected: [[-0.025, 0.05], 0.0],
        },
        { args: [[[1], [1]], [1, 1], [0], 0, 1], expected: [[0.5], 0.5] },
      ],
      hidden: [
        { args: [[[-1000]], [1], [1], 0, 0.5], expected: [[-499.0], 0.5] },
        { args: [[[1000]], [0], [1], 0, 0.5], expected: [[-499.0], -0.5] },
        {
          args: [
            [
              [0.5, -1.5],
              [2, 1],
              [-1, 0.25],
            ],
            [1, 0, 1],
            [0.2, -0.4],
            0.1,
            0.3,
          ],
          expected: [[0.055522, -0.485256], 0.133488],
        },
      ],
    },
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
  {
    slug: "dedupe-events-by-key-window",
    title: "Drop duplicate events inside a time window",
    prompt:
      'An ingestion job receives events as [timestamp, key] pairs, sorted by timestamp (seconds, non-decreasing). Upstream retries produce duplicates, so write dedupe_events(events, window): keep an event unless an earlier KEPT event with the same key is less than window seconds older; return the kept events in their original order.\n\nExample: dedupe_events([[0, "a"], [3, "a"], [5, "b"], [10, "a"], [12, "a"]], 10) -> [[0, "a"], [5, "b"], [10, "a"]].\n\nConstraints: up to 1,000,000 events; 0 <= window <= 86,400.',
    followUps: [
      "Events can now arrive up to five minutes late and out of order. How do you keep the output correct, and what do you give up?",
      "The number of distinct keys is huge. How do you bound memory?",
      "ML concept: duplicates of the same event leaked into a training set. How can that distort the model and, worse, its offline evaluation?",
    ],
    hints: [
      "Remember, per key, the timestamp of the last event you kept, not the last one you saw.",
      "A dictionary from key to last kept timestamp is all the state you need for sorted input.",
    ],
    goodAnswerL4:
      "Keeps a dictionary of last kept timestamp per key, compares against it rather than the last seen event, and returns kept events in order. Tests a chain of events each less than a window apart, a window of 0 and identical timestamps, and states O(n) time and O(distinct keys) memory.",
    goodAnswerL6:
      "Solves it quickly, then evicts keys whose last kept event is older than the window to bound memory, handles late data with a watermark and a buffer sorted by time (the trade-off Spark's dropDuplicates with a watermark makes), and explains how duplicated rows inflate the weight of some examples and leak between training and validation splits, making offline metrics optimistic.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["hash-maps", "data-pipelines", "streaming"],
    exercise: {
      language: "python",
      entry: "dedupe_events",
      starter: `def dedupe_events(events: list[list], window: int) -> list[list]:
    """Keep an event unless a kept event with its key is less than window seconds older."""
    pass
`,
      reference: `def dedupe_events(events: list[list], window: int) -> list[list]:
    """Keep an event unless a kept event with its key is less than window seconds older."""
    last_kept: dict[str, int] = {}
    kept = []
    for timestamp, key in events:
        previous = last_kept.get(key)
        if previous is None or timestamp - previous >= window:
            last_kept[key] = timestamp
            kept.append([timestamp, key])
    return kept
`,
      examples: [
        {
          args: [
            [
              [0, "a"],
              [3, "a"],
              [5, "b"],
              [10, "a"],
              [12, "a"],
            ],
            10,
          ],
          expected: [
            [0, "a"],
            [5, "b"],
            [10, "a"],
          ],
        },
        {
          args: [
            [
              [1, "x"],
              [2, "y"],
              [2, "x"],
              [9, "x"],
            ],
            5,
          ],
          expected: [
            [1, "x"],
            [2, "y"],
            [9, "x"],
          ],
        },
      ],
      hidden: [
        { args: [[], 5], expected: [] },
        {
          args: [
            [
              [4, "k"],
              [4, "k"],
              [4, "k"],
            ],
            1,
          ],
          expected: [[4, "k"]],
        },
        {
          args: [
            [
              [1, "a"],
              [1, "a"],
            ],
            0,
          ],
          expected: [
            [1, "a"],
            [1, "a"],
          ],
        },
        {
          args: [
            [
              [0, "a"],
              [6, "a"],
              [11, "a"],
              [12, "a"],
            ],
            10,
          ],
          expected: [
            [0, "a"],
            [11, "a"],
          ],
        },
      ],
    },
  },
  {
    slug: "merge-sorted-event-streams",
    title: "Merge sorted event streams",
    prompt:
      'Several collectors each produce a list of [timestamp, payload] records sorted by timestamp. Write merge_streams(streams) that returns one list of all records sorted by timestamp. Equal timestamps keep a fixed order: a record from a lower-numbered stream comes first, and records of the same stream keep their order.\n\nExample: merge_streams([[[1, "a1"], [4, "a4"]], [[2, "b2"], [3, "b3"]], [[0, "c0"]]]) -> [[0, "c0"], [1, "a1"], [2, "b2"], [3, "b3"], [4, "a4"]].\n\nConstraints: up to 1,000 streams and 1,000,000 records in total; do better than concatenating and sorting everything.',
    followUps: [
      "The streams are now endless iterators. What is the memory footprint of your merge?",
      "One collector is slow and its stream stalls. What does the merge do, and how would a streaming system handle it?",
      "How would you merge sorted files that do not fit in memory on one machine?",
    ],
    hints: [
      "Only the head of each stream can be the next smallest record.",
      "A heap of (timestamp, stream index, position) gives the tie-breaking rule for free.",
    ],
    goodAnswerL4:
      "Pushes the first record of every non-empty stream into a heap keyed by (timestamp, stream index, position), pops the minimum and pushes that stream's next record. States O(N log k) time and O(k) extra memory, and tests empty streams and equal timestamps across streams.",
    goodAnswerL6:
      "Writes the heap merge cleanly, explains why the tuple key makes the order stable, adapts it to iterators, and discusses external merge sort, watermarks for stalled sources and how the same k-way merge appears in the sort-merge join and in LSM-tree compaction.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["heaps", "merging", "data-pipelines"],
    exercise: {
      language: "python",
      entry: "merge_streams",
      starter: `def merge_streams(streams: list[list[list]]) -> list[list]:
    """Merge lists of [timestamp, payload] sorted by timestamp into one sorted list."""
    pass
`,
      reference: `import heapq


def merge_streams(streams: list[list[list]]) -> list[list]:
    """Merge lists of [timestamp, payload] sorted by timestamp into one sorted list."""
    # (timestamp, stream index, position) orders ties by stream, then by position.
    heap = [(stream[0][0], index, 0) for index, stream in enumerate(streams) if stream]
    heapq.heapify(heap)
    merged = []
    while heap:
        _, index, position = heapq.heappop(heap)
        stream = streams[index]
        merged.append(stream[position])
        if position + 1 < len(stream):
            heapq.heappush(heap, (stream[position + 1][0], index, position + 1))
    return merged
`,
      examples: [
        {
          args: [
            [
              [
                [1, "a1"],
                [4, "a4"],
              ],
              [
                [2, "b2"],
                [3, "b3"],
              ],
              [[0, "c0"]],
            ],
          ],
          expected: [
            [0, "c0"],
            [1, "a1"],
            [2, "b2"],
            [3, "b3"],
            [4, "a4"],
          ],
        },
        {
          args: [
            [
              [
                [5, "x"],
                [5, "y"],
              ],
              [[5, "z"]],
            ],
          ],
          expected: [
            [5, "x"],
            [5, "y"],
            [5, "z"],
          ],
        },
      ],
      hidden: [
        { args: [[]], expected: [] },
        { args: [[[], []]], expected: [] },
        {
          args: [
            [
              [[1, "a"]],
              [],
              [
                [1, "b"],
                [2, "c"],
              ],
            ],
          ],
          expected: [
            [1, "a"],
            [1, "b"],
            [2, "c"],
          ],
        },
        {
          args: [
            [
              [[2, "a"]],
              [
                [1, "b"],
                [2, "c"],
              ],
            ],
          ],
          expected: [
            [1, "b"],
            [2, "a"],
            [2, "c"],
          ],
        },
      ],
    },
  },
  {
    slug: "access-log-summary",
    title: "Summarise an access log per endpoint",
    prompt:
      'Each line of a web server log reads "<timestamp> <method> <target> <status> <latency>ms", fields separated by whitespace, for example "2024-05-01T10:00:00Z GET /api/jobs?limit=5 200 120ms". Write summarize_log(lines) that returns, for every path (the target without any "?query" part), [path, requests, server_errors, max_latency_ms], sorted by path. A server error is a status of 500 or above. Skip malformed lines: a wrong number of fields, a status that is not a whole number, or a latency that is not a whole number followed by "ms".\n\nExample: summarize_log(["2024-05-01T10:00:00Z GET /api/jobs 200 120ms", "2024-05-01T10:00:01Z POST /api/jobs 503 900ms", "2024-05-01T10:00:02Z GET /api/runs?limit=5 200 45ms", "2024-05-01T10:00:03Z GET /api/jobs 200 80ms"]) -> [["/api/jobs", 3, 1, 900], ["/api/runs", 1, 0, 45]].\n\nConstraints: up to 10,000,000 lines, read once.',
    followUps: [
      "Also report the 95th-percentile latency per path. What does an exact answer cost, and what would you use instead?",
      "The log is 2 TB across many files. How would you compute the same summary in Spark?",
      "How would you report malformed lines so that a format change upstream gets noticed?",
    ],
    hints: [
      "Split on whitespace and validate each field before converting it.",
      "One dictionary from path to running counters is enough; sort only at the end.",
    ],
    goodAnswerL4:
      "Parses defensively with split and explicit checks instead of a broad try/except, strips the query string, aggregates in one pass into a dictionary and sorts the keys at the end. Tests malformed lines, 499 versus 500 and an empty input.",
    goodAnswerL6:
      "Writes small named helpers for parsing and aggregation, counts skipped lines for observability, discusses approximate percentiles with t-digest or fixed latency buckets that merge across partitions, and maps the job onto a Spark aggregation with partial aggregation before the shuffle.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["strings", "parsing", "hash-maps"],
    exercise: {
      language: "python",
      entry: "summarize_log",
      starter: `def summarize_log(lines: list[str]) -> list[list]:
    """Per path: [path, requests, server_errors, max_latency_ms], sorted by path."""
    pass
`,
      reference: `def parse_line(line: str) -> tuple[str, int, int] | None:
    """(path, status, latency in ms) of a well-formed line, None for a malformed one."""
    fields = line.split()
    if len(fields) != 5:
        return None
    _, _, target, status_text, latency_text = fields
    latency_digits = latency_text.removesuffix("ms")
    if not status_text.isdigit() or latency_digits == latency_text or not latency_digits.isdigit():
        return None
    path = target.split("?", 1)[0]
    return path, int(status_text), int(latency_digits)


def summarize_log(lines: list[str]) -> list[list]:
    """Per path: [path, requests, server_errors, max_latency_ms], sorted by path."""
    stats: dict[str, list[int]] = {}
    for line in lines:
        parsed = parse_line(line)
        if parsed is None:
            continue
        path, status, latency = parsed
        counters = stats.setdefault(path, [0, 0, 0])
        counters[0] += 1
        if status >= 500:
            counters[1] += 1
        counters[2] = max(counters[2], latency)
    return [[path, *stats[path]] for path in sorted(stats)]
`,
      examples: [
        {
          args: [
            [
              "2024-05-01T10:00:00Z GET /api/jobs 200 120ms",
              "2024-05-01T10:00:01Z POST /api/jobs 503 900ms",
              "2024-05-01T10:00:02Z GET /api/runs?limit=5 200 45ms",
              "2024-05-01T10:00:03Z GET /api/jobs 200 80ms",
            ],
          ],
          expected: [
            ["/api/jobs", 3, 1, 900],
            ["/api/runs", 1, 0, 45],
          ],
        },
        {
          args: [
            [
              "not a log line",
              "2024-05-01T10:00:04Z GET /health 200 3ms",
              "2024-05-01T10:00:05Z GET /health OK 3ms",
            ],
          ],
          expected: [["/health", 1, 0, 3]],
        },
      ],
      hidden: [
        { args: [[]], expected: [] },
        {
          args: [
            [
              "t GET /a 500 1ms",
              "t GET /a 499 2ms",
              "t GET /a 200 12s",
              "t GET /a 200 ms",
              "t GET /a 200 -5ms",
            ],
          ],
          expected: [["/a", 2, 1, 2]],
        },
        {
          args: [["t   GET   /b?x=1&y=2 200    7ms", "t GET /b 200 7ms extra"]],
          expected: [["/b", 1, 0, 7]],
        },
        {
          args: [["t GET /z 200 5ms", "t GET /m 502 9ms", "t PUT /m 201 4ms"]],
          expected: [
            ["/m", 2, 1, 9],
            ["/z", 1, 0, 5],
          ],
        },
      ],
    },
  },
  {
    slug: "split-partitions-min-max-load",
    title: "Split ordered partitions across workers",
    prompt:
      "A job must process partitions in a fixed order, and each worker takes one contiguous run of them. Given the partition sizes and the number of workers, write min_max_load(sizes, workers) that returns the smallest possible size of the largest run when the list is split into at most workers contiguous, non-empty runs.\n\nExample: min_max_load([4, 8, 3, 6, 2, 9], 3) -> 12 (runs [4, 8], [3, 6, 2], [9]); min_max_load([1, 2, 3, 4, 5], 2) -> 9.\n\nConstraints: 1 <= len(sizes) <= 100,000; 0 <= size <= 10^6; 1 <= workers <= 100,000.",
    followUps: [
      "Prove that the feasibility check is monotone, and say why that is what makes binary search valid.",
      "Return the runs themselves, not only the largest load.",
      "Partitions no longer need to stay in order. How does the problem change, and how hard is it now?",
    ],
    hints: [
      "Given a limit, can you check greedily whether the partitions fit in that many runs?",
      "The answer lies between the largest single partition and the total; search that range.",
    ],
    goodAnswerL4:
      "Writes a greedy check that counts how many runs a limit needs, binary searches the limit between max(sizes) and sum(sizes), and returns the lowest feasible one. States O(n log(sum)) time and tests more workers than partitions and a single worker.",
    goodAnswerL6:
      "Gives the binary search on the answer with a clear argument for monotonicity and greedy optimality, reconstructs the runs, contrasts with the O(n^2 k) dynamic programme, and notes that the unordered version is a bin-packing style NP-hard problem where longest-processing-time-first is a good heuristic, as skew handling in Spark does in spirit.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["binary-search", "greedy"],
    exercise: {
      language: "python",
      entry: "min_max_load",
      starter: `def min_max_load(sizes: list[int], workers: int) -> int:
    """Smallest possible largest run when sizes is split into at most workers contiguous runs."""
    pass
`,
      reference: `def runs_needed(sizes: list[int], limit: int) -> int:
    """How many contiguous runs a greedy split needs when no run may exceed limit."""
    runs, load = 1, 0
    for size in sizes:
        if load + size > limit:
            runs += 1
            load = 0
        load += size
    return runs


def min_max_load(sizes: list[int], workers: int) -> int:
    """Smallest possible largest run when sizes is split into at most workers contiguous runs."""
    low, high = max(sizes), sum(sizes)
    while low < high:
        middle = (low + high) // 2
        if runs_needed(sizes, middle) <= workers:
            high = middle
        else:
            low = middle + 1
    return low
`,
      examples: [
        { args: [[4, 8, 3, 6, 2, 9], 3], expected: 12 },
        { args: [[1, 2, 3, 4, 5], 2], expected: 9 },
      ],
      hidden: [
        { args: [[5, 5, 5], 5], expected: 5 },
        { args: [[3, 1, 4, 1, 5], 1], expected: 14 },
        { args: [[10], 3], expected: 10 },
        { args: [[0, 0, 7, 0], 2], expected: 7 },
        { args: [[2, 2, 2, 2, 2, 2, 2], 3], expected: 6 },
      ],
    },
  },
  {
    slug: "largest-rectangle-capacity",
    title: "Largest block under a capacity chart",
    prompt:
      "A bar chart shows, for consecutive minutes, how many cores were free on a cluster. A long job needs the same number of cores for a stretch of consecutive minutes, so the biggest job that fits is the largest rectangle under the bars. Write largest_rectangle(heights) that returns the area (height x number of minutes) of the largest rectangle that fits entirely under the bars; 0 for an empty chart.\n\nExample: largest_rectangle([3, 1, 4, 4, 2]) -> 8; largest_rectangle([6, 2, 5, 4, 5, 1, 6]) -> 12.\n\nConstraints: up to 200,000 bars; 0 <= height <= 10^9; quadratic time is too slow.",
    followUps: [
      "Walk through your stack on [2, 4, 3]: what is on it after each bar, and when is each area computed?",
      "Now the chart is a grid of free/busy cells. Find the largest all-free rectangle.",
      "Why is every bar pushed and popped at most once?",
    ],
    hints: [
      "For each bar, the widest rectangle of exactly its height reaches the nearest lower bar on each side.",
      "Keep a stack of bars with increasing heights; a lower bar closes the rectangles of the taller ones it pops.",
    ],
    goodAnswerL4:
      "Finds the O(n^2) idea of extending each bar left and right, then with a hint writes the increasing stack, popping taller bars and computing their width from the index, with a sentinel to flush the stack at the end. Tests an empty chart, a single bar and equal heights.",
    goodAnswerL6:
      "Writes the monotonic stack solution directly with a clear invariant and the amortised O(n) argument, carries the start index of popped bars to avoid off-by-one widths, and extends it to the maximal rectangle in a binary grid by running it on per-row column heights.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["monotonic-stack", "arrays"],
    exercise: {
      language: "python",
      entry: "largest_rectangle",
      starter: `def largest_rectangle(heights: list[int]) -> int:
    """Area of the largest rectangle that fits under the bars."""
    pass
`,
      reference: `def largest_rectangle(heights: list[int]) -> int:
    """Area of the largest rectangle that fits under the bars."""
    best = 0
    stack: list[tuple[int, int]] = []  # (leftmost index the height reaches, height), heights rising
    for index, height in enumerate([*heights, 0]):  # the final 0 flushes the stack
        start = index
        while stack and stack[-1][1] >= height:
            start, taller = stack.pop()
            best = max(best, taller * (index - start))
        stack.append((start, height))
    return best
`,
      examples: [
        { args: [[3, 1, 4, 4, 2]], expected: 8 },
        { args: [[6, 2, 5, 4, 5, 1, 6]], expected: 12 },
      ],
      hidden: [
        { args: [[]], expected: 0 },
        { args: [[7]], expected: 7 },
        { args: [[1, 2, 3, 4, 5]], expected: 9 },
        { args: [[5, 4, 3, 2, 1]], expected: 9 },
        { args: [[2, 2, 2, 2]], expected: 8 },
        { args: [[0, 0]], expected: 0 },
      ],
    },
  },
  {
    slug: "resolve-identities",
    title: "Group records that share an identifier",
    prompt:
      'Customer records arrive from several systems, each a list of identifiers (emails, device ids, phone numbers). Two records belong to the same person if they share any identifier, directly or through a chain of other records. Write resolve_entities(records) that returns the groups of record indices: each group sorted ascending, groups sorted by their smallest index. A record with no identifiers is a group of its own.\n\nExample: resolve_entities([["a@x", "d1"], ["d2"], ["d1", "p9"], ["d2", "b@y"], ["z"]]) -> [[0, 2], [1, 3], [4]].\n\nConstraints: up to 500,000 records and 2,000,000 identifiers in total.',
    followUps: [
      "What do path compression and union by size or rank each buy you, and what is the resulting complexity?",
      "One shared identifier such as a common test email glues a million records together. How would you guard against that?",
      "How would you run this over billions of records in Spark?",
    ],
    hints: [
      "Map each identifier to the first record that used it, and join every later record with that one.",
      "A disjoint-set (union-find) structure merges groups in near-constant time.",
    ],
    goodAnswerL4:
      "Builds union-find over record indices with path compression, unions each record with the first owner of each identifier, then collects groups by root and sorts them. States near-linear time and tests a chain of records and records without identifiers.",
    goodAnswerL6:
      "Implements union-find cleanly with union by size, explains the inverse-Ackermann bound, adds a cap or blocklist for hub identifiers that would over-merge, and outlines a distributed connected-components approach (iterative label propagation or GraphFrames) with its convergence cost.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["union-find", "graphs", "data-pipelines"],
    exercise: {
      language: "python",
      entry: "resolve_entities",
      starter: `def resolve_entities(records: list[list[str]]) -> list[list[int]]:
    """Groups of record indices that share identifiers, sorted as the prompt asks."""
    pass
`,
      reference: `def resolve_entities(records: list[list[str]]) -> list[list[int]]:
    """Groups of record indices that share identifiers, sorted as the prompt asks."""
    parent = list(range(len(records)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    first_owner: dict[str, int] = {}
    for index, identifiers in enumerate(records):
        for identifier in identifiers:
            if identifier not in first_owner:
                first_owner[identifier] = index
                continue
            root_a, root_b = find(first_owner[identifier]), find(index)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)

    groups: dict[int, list[int]] = {}
    for index in range(len(records)):
        groups.setdefault(find(index), []).append(index)
    return sorted(groups.values())
`,
      examples: [
        {
          args: [[["a@x", "d1"], ["d2"], ["d1", "p9"], ["d2", "b@y"], ["z"]]],
          expected: [[0, 2], [1, 3], [4]],
        },
        { args: [[["e1"], ["e2"], ["e1", "e2"]]], expected: [[0, 1, 2]] },
      ],
      hidden: [
        { args: [[]], expected: [] },
        { args: [[[], []]], expected: [[0], [1]] },
        {
          args: [[["a", "b"], ["c"], ["b", "c"], ["d"], ["d", "a"]]],
          expected: [[0, 1, 2, 3, 4]],
        },
        { args: [[["x", "x"], ["y"]]], expected: [[0], [1]] },
      ],
    },
  },
  {
    slug: "windows-with-target-sum",
    title: "Count windows whose net change hits a target",
    prompt:
      "A metric's per-minute changes are given as a list of integers, which may be negative. Write count_windows(changes, target) that returns how many contiguous, non-empty windows of minutes have changes summing exactly to target.\n\nExample: count_windows([1, 2, -1, 2, 1], 3) -> 3 (windows [1, 2], [2, -1, 2] and [2, 1]); count_windows([2, 2, 2], 4) -> 2.\n\nConstraints: up to 200,000 changes; values and target between -10^9 and 10^9; quadratic time is too slow.",
    followUps: [
      "Why does a sliding window not work here when it would for non-negative values?",
      "Return the longest such window instead of the count.",
      "The same question over a grid: how many sub-rectangles sum to the target?",
    ],
    hints: [
      "The sum of a window is the difference of two prefix sums.",
      "While walking, count how many earlier prefix sums equal the current prefix minus the target.",
    ],
    goodAnswerL4:
      "Keeps a running prefix sum and a dictionary counting earlier prefix sums, seeded with {0: 1}, adds the count of prefix - target before recording the current prefix. States O(n) time and tests all zeros with target 0 and negative values.",
    goodAnswerL6:
      "Gives the prefix-sum solution with an explanation of why the dictionary is seeded and why ordering of update and lookup matters, explains the failure of two pointers with negatives, and extends to the 2D version by fixing row pairs in O(rows^2 x cols).",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["prefix-sums", "hash-maps"],
    exercise: {
      language: "python",
      entry: "count_windows",
      starter: `def count_windows(changes: list[int], target: int) -> int:
    """Number of contiguous non-empty windows whose values sum to target."""
    pass
`,
      reference: `def count_windows(changes: list[int], target: int) -> int:
    """Number of contiguous non-empty windows whose values sum to target."""
    prefix_counts = {0: 1}  # the empty prefix
    running = windows = 0
    for change in changes:
        running += change
        windows += prefix_counts.get(running - target, 0)
        prefix_counts[running] = prefix_counts.get(running, 0) + 1
    return windows
`,
      examples: [
        { args: [[1, 2, -1, 2, 1], 3], expected: 3 },
        { args: [[2, 2, 2], 4], expected: 2 },
      ],
      hidden: [
        { args: [[], 0], expected: 0 },
        { args: [[0, 0, 0], 0], expected: 6 },
        { args: [[-1, 1, -1, 1], 0], expected: 4 },
        { args: [[5], 5], expected: 1 },
        { args: [[1, -1, 5, -2, 3], 3], expected: 3 },
      ],
    },
  },
  {
    slug: "pair-small-files",
    title: "Compact small files two at a time",
    prompt:
      "A table has many small files. A compaction job can merge at most two files into one, and the combined size must not exceed limit. Every file is at most limit in size. Write min_compaction_jobs(sizes, limit) that returns the fewest jobs needed so that every file is handled by exactly one job (a job may also rewrite a single file).\n\nExample: min_compaction_jobs([3, 5, 3, 4], 6) -> 3 (3 + 3, then 4 and 5 alone); min_compaction_jobs([1, 2, 2, 3], 3) -> 3.\n\nConstraints: up to 100,000 files; 1 <= size <= limit <= 10^9.",
    followUps: [
      "Argue why pairing the largest file with the smallest one is never worse than any other choice.",
      "A job may now merge up to three files. Does the same greedy idea still work?",
      "In a real lakehouse, what decides the target file size, and what does OPTIMIZE do beyond pairing files?",
    ],
    hints: [
      "Sort the sizes first.",
      "The largest remaining file needs a job anyway; the best partner it can take is the smallest remaining one.",
    ],
    goodAnswerL4:
      "Sorts, moves two pointers inward, pairs the smallest with the largest when they fit and otherwise sends the largest alone, counting one job per step. States O(n log n) and tests a single file and all files pairable.",
    goodAnswerL6:
      "Gives the two-pointer solution with an exchange argument for its optimality, explains that the three-file version becomes a bin-packing variant without the same guarantee, and ties the exercise to small-file compaction: target file sizes, bin-packing in OPTIMIZE and the read cost of many tiny files.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["two-pointers", "greedy", "sorting"],
    exercise: {
      language: "python",
      entry: "min_compaction_jobs",
      starter: `def min_compaction_jobs(sizes: list[int], limit: int) -> int:
    """Fewest jobs of at most two files each, combined size at most limit."""
    pass
`,
      reference: `def min_compaction_jobs(sizes: list[int], limit: int) -> int:
    """Fewest jobs of at most two files each, combined size at most limit."""
    ordered = sorted(sizes)
    smallest, largest = 0, len(ordered) - 1
    jobs = 0
    while smallest <= largest:
        # The largest file always takes a job; it takes the smallest file along when both fit.
        if smallest < largest and ordered[smallest] + ordered[largest] <= limit:
            smallest += 1
        largest -= 1
        jobs += 1
    return jobs
`,
      examples: [
        { args: [[3, 5, 3, 4], 6], expected: 3 },
        { args: [[1, 2, 2, 3], 3], expected: 3 },
      ],
      hidden: [
        { args: [[], 10], expected: 0 },
        { args: [[7], 7], expected: 1 },
        { args: [[1, 1, 1, 1], 2], expected: 2 },
        { args: [[5, 1, 4, 2], 6], expected: 2 },
        { args: [[3, 3, 3], 6], expected: 2 },
      ],
    },
  },
  {
    slug: "submatrix-sum-queries",
    title: "Answer rectangle-sum queries on a usage grid",
    prompt:
      "A grid records resource usage: matrix[r][c] is the usage of rack r in hour c (integers, possibly negative after corrections). Write submatrix_sums(matrix, queries) where each query is [r1, c1, r2, c2] (inclusive corners, r1 <= r2, c1 <= c2) and return the list of sums of the rectangles, one per query, in order.\n\nExample: submatrix_sums([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 0, 1, 1], [1, 1, 2, 2], [0, 0, 2, 2]]) -> [12, 28, 45].\n\nConstraints: the grid is up to 1000 x 1000 and there are up to 100,000 queries, so each query must be answered in O(1) after preprocessing.",
    followUps: [
      "Cells can now be updated between queries. What structure keeps both operations fast?",
      "How would you find the rectangle with the largest sum?",
      "What is the memory cost of the preprocessing, and could the values overflow in another language?",
    ],
    hints: [
      "First solve it in one dimension with prefix sums.",
      "A table with one extra row and column of zeros removes the boundary checks; use inclusion-exclusion for a rectangle.",
    ],
    goodAnswerL4:
      "Builds a (rows + 1) x (cols + 1) prefix table with inclusion-exclusion and answers each query with four lookups, getting the off-by-one right thanks to the padding. States O(rows x cols + q) and tests a single cell and a single row.",
    goodAnswerL6:
      "Writes it cleanly, then discusses a 2D Fenwick tree for updates in O(log rows x log cols), the maximum-sum rectangle via Kadane over row pairs, and overflow and memory trade-offs for large grids.",
    minLevel: "L4",
    maxLevel: "L5",
    topics: ["prefix-sums", "matrices"],
    exercise: {
      language: "python",
      entry: "submatrix_sums",
      starter: `def submatrix_sums(matrix: list[list[int]], queries: list[list[int]]) -> list[int]:
    """Sum of each inclusive [r1, c1, r2, c2] rectangle, in query order."""
    pass
`,
      reference: `def submatrix_sums(matrix: list[list[int]], queries: list[list[int]]) -> list[int]:
    """Sum of each inclusive [r1, c1, r2, c2] rectangle, in query order."""
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    # prefix[r][c] is the sum of the rectangle above and left of (r, c), exclusive.
    prefix = [[0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows):
        for c in range(cols):
            prefix[r + 1][c + 1] = matrix[r][c] + prefix[r][c + 1] + prefix[r + 1][c] - prefix[r][c]
    return [
        prefix[r2 + 1][c2 + 1] - prefix[r1][c2 + 1] - prefix[r2 + 1][c1] + prefix[r1][c1]
        for r1, c1, r2, c2 in queries
    ]
`,
      examples: [
        {
          args: [
            [
              [1, 2, 3],
              [4, 5, 6],
              [7, 8, 9],
            ],
            [
              [0, 0, 1, 1],
              [1, 1, 2, 2],
              [0, 0, 2, 2],
            ],
          ],
          expected: [12, 28, 45],
        },
        {
          args: [
            [
              [5, -1],
              [2, 0],
            ],
            [
              [0, 1, 1, 1],
              [1, 0, 1, 0],
            ],
          ],
          expected: [-1, 2],
        },
      ],
      hidden: [
        { args: [[[1, 2]], []], expected: [] },
        { args: [[[7]], [[0, 0, 0, 0]]], expected: [7] },
        { args: [[[1, 2, 3, 4]], [[0, 1, 0, 2]]], expected: [5] },
        {
          args: [
            [
              [-3, 4, 0],
              [2, -8, 6],
            ],
            [
              [0, 0, 1, 2],
              [1, 1, 1, 2],
              [0, 0, 1, 2],
            ],
          ],
          expected: [1, -2, 1],
        },
      ],
    },
  },
  {
    slug: "two-unpaired-ids",
    title: "Find the two ids without a partner",
    prompt:
      "Every request id in a reconciliation log should appear exactly twice, once when the request starts and once when it finishes. Exactly two ids appear only once. Write find_unpaired(ids) that returns those two ids in ascending order, using O(1) extra memory.\n\nExample: find_unpaired([4, 1, 2, 1, 2, 7]) -> [4, 7]; find_unpaired([10, 3, 10, 5]) -> [3, 5].\n\nConstraints: up to 1,000,000 ids; ids are integers between -2^40 and 2^40.",
    followUps: [
      "Why does x & -x isolate the lowest set bit, and does that still hold for negative numbers in Python?",
      "Now every id appears three times except one. How do you find it without extra memory?",
      "If O(1) memory were not required, what would you write in production, and why?",
    ],
    hints: [
      "XOR of a number with itself is 0, so XOR-ing everything leaves a XOR b.",
      "a and b differ in at least one bit; split all ids by that bit so that a and b land in different halves.",
    ],
    goodAnswerL4:
      "XORs all ids to get a ^ b, isolates one set bit with x & -x, XORs the ids with that bit set to get one answer and derives the other, then sorts the pair. Tests zero and negative ids and explains why the split separates the two.",
    goodAnswerL6:
      "Writes the XOR partition directly with a proof, handles Python's unbounded integers and negative values, solves the appears-three-times variant by counting bits modulo 3 or with two bitmasks, and says plainly that a Counter is clearer when memory is not the constraint.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["bit-manipulation"],
    exercise: {
      language: "python",
      entry: "find_unpaired",
      starter: `def find_unpaired(ids: list[int]) -> list[int]:
    """The two ids that appear once (all others appear twice), ascending."""
    pass
`,
      reference: `def find_unpaired(ids: list[int]) -> list[int]:
    """The two ids that appear once (all others appear twice), ascending."""
    both = 0
    for value in ids:
        both ^= value  # pairs cancel, leaving a ^ b
    lowest_bit = both & -both  # a bit where a and b differ
    first = 0
    for value in ids:
        if value & lowest_bit:
            first ^= value
    return sorted([first, both ^ first])
`,
      examples: [
        { args: [[4, 1, 2, 1, 2, 7]], expected: [4, 7] },
        { args: [[10, 3, 10, 5]], expected: [3, 5] },
      ],
      hidden: [
        { args: [[0, 9]], expected: [0, 9] },
        { args: [[-3, 8, 8, -3, -7, 2]], expected: [-7, 2] },
        { args: [[1, 2]], expected: [1, 2] },
        {
          args: [[1099511627776, 5, 5, 1099511627777]],
          expected: [1099511627776, 1099511627777],
        },
      ],
    },
  },
  {
    slug: "decode-nested-repeats",
    title: "Expand a compressed template string",
    prompt:
      'A config system compresses repeated text as count[text], and repeats can nest. Write decode(text) that returns the expanded string. Counts are positive integers that may have several digits; everything else is lowercase letters and brackets, and the input is always well formed.\n\nExample: decode("2[ab3[c]]d") -> "abcccabcccd"; decode("3[x]y") -> "xxxy".\n\nConstraints: the input is up to 10,000 characters and nesting can be 2,000 levels deep; the output is at most 1,000,000 characters.',
    followUps: [
      "Nesting 2,000 levels deep: does your solution survive it in Python, and why?",
      "The expanded string could be 10^15 characters long. How would you return only its length, or only its k-th character?",
      "How would you validate malformed input and report where it went wrong?",
    ],
    hints: [
      "When you meet '[', save what you have built so far and the pending count.",
      "When you meet ']', repeat the inner text and append it to the saved outer text.",
    ],
    goodAnswerL4:
      "Uses an explicit stack of (text so far, count), accumulates multi-digit counts, builds with lists and join rather than repeated string concatenation, and handles text without brackets. Tests nesting and a count of 10.",
    goodAnswerL6:
      "Writes the iterative stack version to avoid recursion limits, computes the decoded length without expanding and walks back down to find the k-th character, and adds validation with positions for unbalanced brackets or stray digits.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["strings", "stacks"],
    exercise: {
      language: "python",
      entry: "decode",
      starter: `def decode(text: str) -> str:
    """Expand count[text] repeats, which may nest."""
    pass
`,
      reference: `def decode(text: str) -> str:
    """Expand count[text] repeats, which may nest."""
    saved: list[tuple[list[str], int]] = []  # (outer pieces, repeat count) per open bracket
    pieces: list[str] = []
    count = 0
    for char in text:
        if char.isdigit():
            count = count * 10 + int(char)
        elif char == "[":
            saved.append((pieces, count))
            pieces, count = [], 0
        elif char == "]":
            outer, repeat = saved.pop()
            outer.append("".join(pieces) * repeat)
            pieces = outer
        else:
            pieces.append(char)
    return "".join(pieces)
`,
      examples: [
        { args: ["2[ab3[c]]d"], expected: "abcccabcccd" },
        { args: ["3[x]y"], expected: "xxxy" },
      ],
      hidden: [
        { args: [""], expected: "" },
        { args: ["plain"], expected: "plain" },
        { args: ["10[a]"], expected: "aaaaaaaaaa" },
        { args: ["1[1[1[z]]]"], expected: "z" },
        { args: ["2[a2[b]c]"], expected: "abbcabbc" },
        { args: [`${"1[".repeat(1200)}q${"]".repeat(1200)}`], expected: "q" },
      ],
    },
  },
  {
    slug: "glob-path-matching",
    title: "Match file paths against glob patterns",
    prompt:
      'A data loader selects files with glob patterns. Write glob_match(pattern, path) returning True when the whole path matches. In a pattern, "?" matches exactly one character other than "/", "*" matches any run of characters (possibly empty) without "/", "**" matches any run of characters (possibly empty) including "/", and every other character matches itself. Patterns never contain three stars in a row.\n\nExample: glob_match("logs/*.json", "logs/a.json") -> True; glob_match("logs/*.json", "logs/2024/a.json") -> False; glob_match("logs/**.json", "logs/2024/a.json") -> True.\n\nConstraints: patterns and paths up to 1,000 characters; avoid exponential backtracking.',
    followUps: [
      "Show an input that makes naive backtracking exponential, and explain why your solution is not.",
      "Thousands of patterns must be checked against millions of paths. How would you organise the work?",
      "How would you support character classes like [0-9]?",
    ],
    hints: [
      "Tokenise the pattern first so that ** is a single token.",
      "Let matches[i][j] say whether tokens from i onward match the path from j onward; each star either matches nothing or eats one more character.",
    ],
    goodAnswerL4:
      "Tokenises the pattern, fills a dynamic-programming table over (token, path position) with the three star and question mark rules, and returns the top-left cell. States O(P x N) time and tests the empty pattern, slashes against single stars and adjacent stars.",
    goodAnswerL6:
      "Writes the table with one rolling row, explains the exponential case for backtracking, discusses the greedy two-pointer algorithm for a single star kind and why ** complicates it, and for many patterns proposes splitting on / to prune by literal directory prefixes before matching.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["strings", "dynamic-programming"],
    exercise: {
      language: "python",
      entry: "glob_match",
      starter: `def glob_match(pattern: str, path: str) -> bool:
    """Whether the whole path matches the pattern ('?', '*', '**')."""
    pass
`,
      reference: `def tokenize_pattern(pattern: str) -> list[str]:
    tokens = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**", index):
            tokens.append("**")
            index += 2
        else:
            tokens.append(pattern[index])
            index += 1
    return tokens


def glob_match(pattern: str, path: str) -> bool:
    """Whether the whole path matches the pattern ('?', '*', '**')."""
    n = len(path)
    # rest[j]: the tokens after the current one match path[j:]. No tokens match only the empty rest.
    rest = [False] * n + [True]
    for token in reversed(tokenize_pattern(pattern)):
        here = [False] * (n + 1)
        for j in range(n, -1, -1):
            has_char = j < n
            if token == "**":
                here[j] = rest[j] or (has_char and here[j + 1])
            elif token == "*":
                here[j] = rest[j] or (has_char and path[j] != "/" and here[j + 1])
            elif token == "?":
                here[j] = has_char and path[j] != "/" and rest[j + 1]
            else:
                here[j] = has_char and path[j] == token and rest[j + 1]
        rest = here
    return rest[0]
`,
      examples: [
        { args: ["logs/*.json", "logs/a.json"], expected: true },
        { args: ["logs/*.json", "logs/2024/a.json"], expected: false },
        { args: ["logs/**.json", "logs/2024/a.json"], expected: true },
      ],
      hidden: [
        { args: ["", ""], expected: true },
        { args: ["*", ""], expected: true },
        { args: ["?", ""], expected: false },
        { args: ["a?c", "a/c"], expected: false },
        { args: ["data/**/part-?.parquet", "data/x/y/part-7.parquet"], expected: true },
        { args: ["data/**/part-?.parquet", "data/part-7.parquet"], expected: false },
        { args: ["**", "any/thing/at/all"], expected: true },
        { args: ["a*b*c", "aXbYbZc"], expected: true },
        { args: [`${"*a".repeat(20)}b`, "a".repeat(60)], expected: false },
      ],
    },
  },
  {
    slug: "common-free-slots",
    title: "Find slots when every worker is free",
    prompt:
      "Each maintenance worker has a calendar of busy [start, end) intervals in minutes; intervals are unsorted and may overlap, even within one calendar, and may reach outside the day. Write free_slots(calendars, day_start, day_end, min_length) that returns the [start, end) intervals inside [day_start, day_end) when nobody is busy, keeping only those at least min_length long, sorted by start and maximal (adjacent free time is one slot).\n\nExample: free_slots([[[9, 10], [12, 13]], [[9, 11], [15, 16]]], 9, 17, 1) -> [[11, 12], [13, 15], [16, 17]]; with min_length 2 -> [[13, 15]].\n\nConstraints: up to 1,000 calendars and 200,000 intervals in total; 1 <= min_length.",
    followUps: [
      "Calendars are already sorted individually. How can you avoid sorting everything together?",
      "Now a slot only needs k of the n workers to be free. What changes?",
      "How would you handle time zones and days that are not contiguous working hours?",
    ],
    hints: [
      "Put every busy interval in one list and sort it by start.",
      "Walk with a cursor at the end of the busy time seen so far; a start beyond the cursor opens a gap.",
    ],
    goodAnswerL4:
      "Flattens and sorts all busy intervals, sweeps a cursor from day_start, records gaps clipped to day_end that are long enough, and adds the tail of the day. Tests an empty set of calendars, intervals outside the day and nested intervals.",
    goodAnswerL6:
      "Writes the sweep cleanly, then merges pre-sorted calendars with a heap in O(N log k), generalises to k-of-n availability with a +1/-1 event sweep counting busy workers, and discusses time-zone normalisation and representing working hours as intervals too.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["intervals", "sorting", "sweep-line"],
    exercise: {
      language: "python",
      entry: "free_slots",
      starter: `def free_slots(
    calendars: list[list[list[int]]], day_start: int, day_end: int, min_length: int
) -> list[list[int]]:
    """Maximal [start, end) slots inside the day when nobody is busy, at least min_length long."""
    pass
`,
      reference: `def free_slots(
    calendars: list[list[list[int]]], day_start: int, day_end: int, min_length: int
) -> list[list[int]]:
    """Maximal [start, end) slots inside the day when nobody is busy, at least min_length long."""
    busy = sorted(interval for calendar in calendars for interval in calendar)
    slots = []
    cursor = day_start  # everything before the cursor is either busy or already reported
    for start, end in busy:
        if cursor >= day_end:
            break
        gap_end = min(start, day_end)
        if gap_end - cursor >= min_length:
            slots.append([cursor, gap_end])
        cursor = max(cursor, end)
    if day_end - cursor >= min_length:
        slots.append([cursor, day_end])
    return slots
`,
      examples: [
        {
          args: [
            [
              [
                [9, 10],
                [12, 13],
              ],
              [
                [9, 11],
                [15, 16],
              ],
            ],
            9,
            17,
            1,
          ],
          expected: [
            [11, 12],
            [13, 15],
            [16, 17],
          ],
        },
        {
          args: [
            [
              [
                [9, 10],
                [12, 13],
              ],
              [
                [9, 11],
                [15, 16],
              ],
            ],
            9,
            17,
            2,
          ],
          expected: [[13, 15]],
        },
      ],
      hidden: [
        { args: [[], 0, 10, 5], expected: [[0, 10]] },
        { args: [[[[0, 10]]], 0, 10, 1], expected: [] },
        {
          args: [
            [
              [
                [0, 5],
                [20, 30],
              ],
            ],
            8,
            18,
            1,
          ],
          expected: [[8, 18]],
        },
        {
          args: [[[[1, 10]], [[2, 3]], [[9, 12]]], 0, 14, 1],
          expected: [
            [0, 1],
            [12, 14],
          ],
        },
        {
          args: [[[[2, 4]]], 0, 6, 2],
          expected: [
            [0, 2],
            [4, 6],
          ],
        },
      ],
    },
  },
  {
    slug: "sessionize-clickstream",
    title: "Split a clickstream into sessions",
    prompt:
      'Click events arrive as [user, timestamp] pairs (seconds) in no particular order. A user\'s session ends when more than gap seconds pass between two consecutive events of that user. Write sessionize(events, gap) that returns, for every user, [user, number_of_sessions, longest_session_seconds] sorted by user, where a session lasts from its first to its last event.\n\nExample: sessionize([["u1", 0], ["u2", 5], ["u1", 100], ["u1", 3000], ["u2", 20], ["u1", 3100]], 1800) -> [["u1", 2, 100], ["u2", 1, 15]].\n\nConstraints: up to 5,000,000 events and 1,000,000 users.',
    followUps: [
      "How would you compute sessions in a streaming job where a session can stay open indefinitely?",
      "Write the same logic in Spark SQL or the DataFrame API with window functions.",
      "ML concept: session features are computed in batch for training and in a streaming service for serving. What is training-serving skew, how would it show up here, and how do you prevent it?",
    ],
    hints: [
      "Group timestamps by user and sort each user's list.",
      "Walk each sorted list once; a gap larger than the limit closes the current session.",
    ],
    goodAnswerL4:
      "Groups by user with a dictionary, sorts each list, counts sessions and the longest duration in one walk, treats a gap exactly equal to the limit as the same session and returns users sorted. States O(n log n) and tests a single event and duplicate timestamps.",
    goodAnswerL6:
      "Writes it with clear helpers, expresses it with lag and a running sum of session starts over a window partitioned by user, handles streaming with session windows, watermarks and state timeouts, and explains training-serving skew with concrete prevention: one shared feature definition, a feature store, and logging served features to train on.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["sorting", "hash-maps", "data-pipelines"],
    exercise: {
      language: "python",
      entry: "sessionize",
      starter: `def sessionize(events: list[list], gap: int) -> list[list]:
    """Per user: [user, number_of_sessions, longest_session_seconds], sorted by user."""
    pass
`,
      reference: `def sessionize(events: list[list], gap: int) -> list[list]:
    """Per user: [user, number_of_sessions, longest_session_seconds], sorted by user."""
    times_by_user: dict[str, list[int]] = {}
    for user, timestamp in events:
        times_by_user.setdefault(user, []).append(timestamp)
    summary = []
    for user in sorted(times_by_user):
        times = sorted(times_by_user[user])
        sessions, longest, session_start = 1, 0, times[0]
        for previous, current in zip(times, times[1:]):
            if current - previous > gap:
                longest = max(longest, previous - session_start)
                sessions += 1
                session_start = current
        longest = max(longest, times[-1] - session_start)
        summary.append([user, sessions, longest])
    return summary
`,
      examples: [
        {
          args: [
            [
              ["u1", 0],
              ["u2", 5],
              ["u1", 100],
              ["u1", 3000],
              ["u2", 20],
              ["u1", 3100],
            ],
            1800,
          ],
          expected: [
            ["u1", 2, 100],
            ["u2", 1, 15],
          ],
        },
        {
          args: [
            [
              ["a", 50],
              ["a", 10],
              ["a", 30],
            ],
            15,
          ],
          expected: [["a", 3, 0]],
        },
      ],
      hidden: [
        { args: [[], 10], expected: [] },
        {
          args: [
            [
              ["a", 0],
              ["a", 30],
            ],
            30,
          ],
          expected: [["a", 1, 30]],
        },
        {
          args: [
            [
              ["b", 7],
              ["b", 7],
            ],
            0,
          ],
          expected: [["b", 1, 0]],
        },
        {
          args: [
            [
              ["zed", 1],
              ["amy", 2],
              ["amy", 100],
            ],
            10,
          ],
          expected: [
            ["amy", 2, 0],
            ["zed", 1, 0],
          ],
        },
        {
          args: [
            [
              ["c", 0],
              ["c", 5],
              ["c", 100],
              ["c", 104],
              ["c", 108],
              ["c", 112],
            ],
            10,
          ],
          expected: [["c", 2, 12]],
        },
      ],
    },
  },
  {
    slug: "versioned-key-value-store",
    title: "Read a key as of a point in time",
    prompt:
      'A configuration store keeps every version of every key. Write replay_versioned(ops) that replays a list of operations and returns the results of the reads in order. ["set", key, value, timestamp] stores a version; for any one key, timestamps of its sets strictly increase. ["get", key, timestamp] returns the value of the latest version of key whose timestamp is at most the given one, or None if there is none.\n\nExample: replay_versioned([["set", "model", "v1", 10], ["set", "model", "v2", 20], ["get", "model", 15], ["get", "model", 20], ["get", "model", 5]]) -> ["v1", "v2", None].\n\nConstraints: up to 1,000,000 operations; a get must cost O(log versions of that key).',
    followUps: [
      "Sets may now arrive out of timestamp order. What structure do you switch to?",
      "Old versions must be dropped after 30 days, but reads at older timestamps must fail clearly. How?",
      "How does this relate to time travel on a Delta table, and what does VACUUM change about it?",
    ],
    hints: [
      "Keep, per key, the timestamps and values in two parallel lists; sets only append.",
      "bisect_right finds how many versions are at or before a timestamp.",
    ],
    goodAnswerL4:
      "Stores per key a list of timestamps and a list of values, appends on set and uses bisect_right on get, returning None before the first version or for an unknown key. States O(1) set and O(log v) get and tests a read exactly at a set's timestamp.",
    goodAnswerL6:
      "Implements it cleanly, switches to a sorted container or a balanced tree for out-of-order writes, designs retention with a per-key low-water mark that turns too-old reads into explicit errors, and maps the idea onto Delta's versioned log, time travel and VACUUM removing the files old versions need.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["binary-search", "hash-maps", "simulation"],
    exercise: {
      language: "python",
      entry: "replay_versioned",
      starter: `def replay_versioned(ops: list[list]) -> list:
    """Replay set/get operations on a versioned store; return what each get returned."""
    pass
`,
      reference: `import bisect


def replay_versioned(ops: list[list]) -> list:
    """Replay set/get operations on a versioned store; return what each get returned."""
    history: dict[str, tuple[list[int], list[str]]] = {}  # key -> (timestamps, values)
    results = []
    for op in ops:
        if op[0] == "set":
            _, key, value, timestamp = op
            timestamps, values = history.setdefault(key, ([], []))
            timestamps.append(timestamp)
            values.append(value)
            continue
        _, key, timestamp = op
        timestamps, values = history.get(key, ([], []))
        versions_so_far = bisect.bisect_right(timestamps, timestamp)
        results.append(values[versions_so_far - 1] if versions_so_far else None)
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
        { args: [[]], expected: [] },
        {
          args: [
            [
              ["set", "a", "1", 5],
              ["get", "b", 5],
            ],
          ],
          expected: [null],
        },
        {
          args: [
            [
              ["set", "a", "a1", 1],
              ["set", "b", "b3", 3],
              ["set", "a", "a4", 4],
              ["get", "b", 2],
              ["get", "a", 3],
              ["get", "b", 3],
              ["get", "a", 1000],
            ],
          ],
          expected: [null, "a1", "b3", "a4"],
        },
        {
          args: [
            [
              ["set", "k", "old", 7],
              ["get", "k", 6],
              ["get", "k", 7],
              ["set", "k", "new", 8],
              ["get", "k", 7],
            ],
          ],
          expected: [null, "old", "old"],
        },
      ],
    },
  },
  {
    slug: "sliding-window-median",
    title: "Median latency over a sliding window",
    prompt:
      "A dashboard shows the median request latency over the last k requests. Write window_medians(values, k) that returns the median of every window of k consecutive values, in order, each as a float. When k is even, the median is the mean of the two middle values.\n\nExample: window_medians([1, 3, -1, -3, 5, 3, 6, 7], 3) -> [1.0, -1.0, -1.0, 3.0, 5.0, 6.0]; window_medians([4, 2, 8, 6], 2) -> [3.0, 5.0, 7.0].\n\nConstraints: 1 <= k <= len(values) <= 100,000; sorting every window from scratch is too slow.",
    followUps: [
      "Which structure gives O(log k) per step, and how do you delete the value that leaves the window?",
      "The dashboard needs the 99th percentile over the last hour of a stream of a million events per second. What do you do instead?",
      "ML concept: when you monitor a model's score or a feature for drift, why might you prefer the median and quantiles to the mean and standard deviation?",
    ],
    hints: [
      "A sorted list of the current window with bisect insertion and removal already beats re-sorting.",
      "Two heaps (a max-heap for the lower half, a min-heap for the upper half) with lazy deletion give O(log k).",
    ],
    goodAnswerL4:
      "Keeps the window sorted with bisect.insort and removes the leaving value by binary search, reads the middle element or elements, and returns floats. States O(n x k) for list shifts, handles even k and duplicates, and knows two heaps improve it.",
    goodAnswerL6:
      "Implements two heaps with lazy deletion and rebalancing (or a sorted container) and explains the bookkeeping, then switches to approximate quantile sketches such as t-digest or KLL for high-volume streams, and argues for medians and quantiles in drift monitoring because they resist outliers and describe skewed latency and score distributions.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["heaps", "sliding-window", "binary-search"],
    exercise: {
      language: "python",
      entry: "window_medians",
      starter: `def window_medians(values: list[int], k: int) -> list[float]:
    """Median of every window of k consecutive values, as floats."""
    pass
`,
      reference: `import bisect


def window_medians(values: list[int], k: int) -> list[float]:
    """Median of every window of k consecutive values, as floats."""
    window = sorted(values[:k])
    middle = k // 2
    medians = []
    for end in range(k, len(values) + 1):
        if k % 2:
            medians.append(float(window[middle]))
        else:
            medians.append((window[middle - 1] + window[middle]) / 2)
        if end < len(values):
            window.pop(bisect.bisect_left(window, values[end - k]))
            bisect.insort(window, values[end])
    return medians
`,
      examples: [
        { args: [[1, 3, -1, -3, 5, 3, 6, 7], 3], expected: [1.0, -1.0, -1.0, 3.0, 5.0, 6.0] },
        { args: [[4, 2, 8, 6], 2], expected: [3.0, 5.0, 7.0] },
      ],
      hidden: [
        { args: [[5, -2], 1], expected: [5.0, -2.0] },
        { args: [[3, 1, 2], 3], expected: [2.0] },
        { args: [[1, 2, 4, 4], 2], expected: [1.5, 3.0, 4.0] },
        { args: [[2, 2, 2, 2], 3], expected: [2.0, 2.0] },
        { args: [[9, 1, 8, 2, 7, 3], 4], expected: [5.0, 4.5, 5.0] },
      ],
    },
  },
  {
    slug: "evaluate-arithmetic-expression",
    title: "Evaluate an arithmetic expression",
    prompt:
      'A feature-definition language lets users write integer expressions. Write evaluate(expression) that returns the value of a string built from non-negative integers, +, -, *, /, parentheses, unary minus and spaces. * and / bind tighter than + and -, operators of equal precedence apply left to right, and / is integer division that truncates toward zero. Do not use eval. The input is always well formed and never divides by zero.\n\nExample: evaluate("2 + 3 * (4 - 1)") -> 11; evaluate("(1+2)*(3+4) - 10/4") -> 19; evaluate("-7 / 2") -> -3.\n\nConstraints: up to 100,000 characters; parentheses nest at most 100 levels deep.',
    followUps: [
      "Why is Python's // the wrong operator for truncating division, and how did you fix it?",
      "Add variables looked up in a dictionary and functions such as max(a, b). Where does each change go?",
      "How would you report a malformed expression with the position of the error?",
    ],
    hints: [
      "Turn the string into tokens first: numbers, operators and parentheses.",
      "One function per precedence level: a sum is products joined by + or -, a product is factors joined by * or /, a factor is a number, a parenthesised sum or a minus and a factor.",
    ],
    goodAnswerL4:
      "Tokenises multi-digit numbers, then uses either a recursive-descent parser with one function per precedence level or two stacks (shunting-yard), handles unary minus after an operator or an opening parenthesis, and truncates toward zero explicitly. Tests left associativity such as 1 - 2 - 3.",
    goodAnswerL6:
      "Writes a clean tokenizer and recursive-descent parser quickly, explains why the grammar encodes precedence and associativity, extends it to variables and function calls by adding to the factor rule, and produces errors with positions; mentions building an AST once and evaluating it per row when it runs over a table.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["strings", "parsing", "stacks"],
    exercise: {
      language: "python",
      entry: "evaluate",
      starter: `def evaluate(expression: str) -> int:
    """Value of an integer expression with + - * / ( ) and unary minus; / truncates toward zero."""
    pass
`,
      reference: `def tokenize_expression(expression: str) -> list:
    tokens: list = []
    index = 0
    while index < len(expression):
        char = expression[index]
        if char.isdigit():
            end = index
            while end < len(expression) and expression[end].isdigit():
                end += 1
            tokens.append(int(expression[index:end]))
            index = end
            continue
        if not char.isspace():
            tokens.append(char)
        index += 1
    return tokens


def divide_toward_zero(dividend: int, divisor: int) -> int:
    quotient = abs(dividend) // abs(divisor)
    return quotient if (dividend >= 0) == (divisor > 0) else -quotient


def evaluate(expression: str) -> int:
    """Value of an integer expression with + - * / ( ) and unary minus; / truncates toward zero."""
    tokens = tokenize_expression(expression)
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def parse_sum() -> int:
        value = parse_product()
        while peek() in ("+", "-"):
            operator = take()
            operand = parse_product()
            value = value + operand if operator == "+" else value - operand
        return value

    def parse_product() -> int:
        value = parse_factor()
        while peek() in ("*", "/"):
            operator = take()
            operand = parse_factor()
            value = value * operand if operator == "*" else divide_toward_zero(value, operand)
        return value

    def parse_factor() -> int:
        token = take()
        if token == "-":
            return -parse_factor()
        if token == "(":
            value = parse_sum()
            take()  # the closing parenthesis
            return value
        return token

    return parse_sum()
`,
      examples: [
        { args: ["2 + 3 * (4 - 1)"], expected: 11 },
        { args: ["(1+2)*(3+4) - 10/4"], expected: 19 },
        { args: ["-7 / 2"], expected: -3 },
      ],
      hidden: [
        { args: ["42"], expected: 42 },
        { args: ["  1 - 2 - 3 "], expected: -4 },
        { args: ["2*(3+(4-(5*6)))"], expected: -46 },
        { args: ["-(8 / 3) + 7 / -2"], expected: -5 },
        { args: ["10 - -3"], expected: 13 },
        { args: ["100 / 7 / 2 * 3"], expected: 21 },
      ],
    },
  },
  {
    slug: "retry-cooldown-schedule",
    title: "Schedule retries with a cooldown per job type",
    prompt:
      'A worker runs one task per time unit, or idles. Tasks are labelled by job type, and after running a task of some type the worker must let at least cooldown other time units pass (running other types or idling) before running that type again. Tasks may run in any order. Write min_schedule_length(tasks, cooldown) that returns the fewest time units needed to run all tasks.\n\nExample: min_schedule_length(["A", "A", "A", "B", "B", "B"], 2) -> 8 (A B idle A B idle A B); with cooldown 0 -> 6.\n\nConstraints: up to 100,000 tasks; 0 <= cooldown <= 100.',
    followUps: [
      "Return an actual schedule of that length, breaking ties by job type name.",
      "There are now m identical workers, and the cooldown applies per type across all of them. How does your reasoning change?",
      "Why does the most frequent type alone decide the answer when there are few types, and when does the number of tasks decide it instead?",
    ],
    hints: [
      "Think about the most frequent type: its tasks split time into frames of cooldown + 1 units.",
      "Other tasks fill the idle units; when they overflow them, no idling is needed at all.",
    ],
    goodAnswerL4:
      "Counts tasks per type, derives (max_count - 1) x (cooldown + 1) + number of types with max_count and takes the maximum with the number of tasks, explaining the frame picture; or simulates with a max-heap and a cooldown queue. Tests cooldown 0 and many distinct types.",
    goodAnswerL6:
      "Gives the formula with a convincing argument for both bounds, also writes the heap-plus-queue simulation that produces the schedule and generalises to several workers, and connects it to retry back-off and per-tenant rate limits in a job scheduler.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["greedy-scheduling", "heaps", "counting"],
    exercise: {
      language: "python",
      entry: "min_schedule_length",
      starter: `def min_schedule_length(tasks: list[str], cooldown: int) -> int:
    """Fewest time units to run every task, same types at least cooldown units apart."""
    pass
`,
      reference: `from collections import Counter


def min_schedule_length(tasks: list[str], cooldown: int) -> int:
    """Fewest time units to run every task, same types at least cooldown units apart."""
    if not tasks:
        return 0
    counts = Counter(tasks)
    most = max(counts.values())
    types_with_most = sum(1 for count in counts.values() if count == most)
    # The busiest type needs (most - 1) full frames plus a last partial frame.
    return max(len(tasks), (most - 1) * (cooldown + 1) + types_with_most)
`,
      examples: [
        { args: [["A", "A", "A", "B", "B", "B"], 2], expected: 8 },
        { args: [["A", "A", "A", "B", "B", "B"], 0], expected: 6 },
      ],
      hidden: [
        { args: [[], 3], expected: 0 },
        { args: [["A", "A", "A", "A", "B", "C"], 1], expected: 7 },
        { args: [["A", "B", "C", "D"], 5], expected: 4 },
        { args: [["X", "X"], 4], expected: 6 },
        { args: [["A", "A", "B", "B", "C", "C", "D"], 1], expected: 7 },
      ],
    },
  },
  {
    slug: "metrics-for-rare-fraud",
    title: "Judging a classifier when positives are rare",
    prompt:
      "A fraud model is evaluated on a month of transactions in which 0.2% are fraudulent. A colleague reports 99.7% accuracy and proposes shipping it. What do you make of that number, which metrics would you report instead, and how would you choose the decision threshold?",
    followUps: [
      "Why can ROC AUC look excellent while precision at the operating point is poor?",
      "The cost of a missed fraud is 50 times the cost of a false alarm. How does that enter the threshold choice?",
      "How would you build the evaluation split so that the number reflects production?",
    ],
    hints: [
      "What accuracy does a model that never predicts fraud get?",
      "Think about precision, recall and the precision-recall curve, and about what each error costs.",
    ],
    goodAnswerL4:
      "Notices that always predicting 'not fraud' scores 99.8%, so the model may be worse than trivial; reports precision, recall and PR-AUC with a confusion matrix at a chosen threshold, and picks the threshold from the precision-recall trade-off the business accepts.",
    goodAnswerL6:
      "Adds that ROC AUC is dominated by the huge negative class, chooses the threshold by expected cost or by review capacity, calibrates scores, evaluates on a time-based split that respects label delay to avoid leakage, and tracks the same metrics per segment and over time once deployed.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["ml-concepts", "evaluation"],
  },
];
