import type { QuestionDefinition } from "../question-types";

// The spark-deep-dive round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const sparkDeepDive: QuestionDefinition[] = [
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
