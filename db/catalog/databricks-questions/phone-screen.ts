import type { QuestionDefinition } from "../question-types";

// The phone-screen round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const phoneScreen: QuestionDefinition[] = [
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
