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
  {
    slug: "find-skewed-join-keys",
    title: "Find the keys that will skew a join",
    prompt:
      "Before joining a clickstream with the users table on user_id, you want to know whether any key is heavy enough to make one task run for an hour. In the pad there is a sample table clicks(event_id int, user_id text, event_time timestamp, page text); user_id is NULL for anonymous visitors and NULL counts as a key of its own. Write a query that returns every user_id holding at least 10% of all rows, with columns user_id, events (row count) and share_pct (percentage of all rows, rounded to one decimal), heaviest first (ties by user_id). Then tell me what the Spark plan for the real join would look like with these keys in it. EXPLAIN works in the pad's SQL runner if you want to compare with the database's plan.",
    followUps: [
      "On the full 4 billion row table, how would Spark compute this count, and how many shuffles does it need?",
      "The NULL key is in your result. What happens to NULL keys in an inner join versus a left outer join in Spark, and does that change whether they hurt?",
      "Walk me through salting the join for bot_7: what happens to each side, and how do you pick the number of salt buckets?",
      "When would you rather rely on adaptive execution's skew handling, and what thresholds decide whether a partition counts as skewed?",
    ],
    hints: [
      "Count per key first, then compare each count with the total; a window over the grouped result or a second aggregate both work.",
      "GROUP BY puts all NULLs in one group, exactly like a shuffle puts them in one partition.",
      "On the real data you would sample or use an approximate count before paying for an exact one.",
    ],
    goodAnswerL4:
      "Groups by user_id, divides by the total (a window SUM over the grouped counts or a cross join with a total), filters at 10% without integer division and orders by count. Explains that a sort-merge join would hash all bot_7 rows into one partition, so one task does a third of the work, and proposes broadcasting the users table if it is small enough or salting the heavy keys.",
    goodAnswerL6:
      "Writes the query cleanly, notes that on the full table this is a partial aggregation, one exchange and a final aggregation, and that sampling or approx_count_distinct style sketches give the answer cheaper. Separates the NULL key (dropped by an inner join's inferred not-null filter, but kept and concentrated by an outer join) from real heavy keys, compares salting, splitting heavy keys into a broadcast join and adaptive skew-join splitting (partition larger than a factor of the median and above a byte threshold), and proposes monitoring key shares over time.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["skew", "joins", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE clicks (
  event_id int PRIMARY KEY,
  user_id text,
  event_time timestamp NOT NULL,
  page text NOT NULL
);
INSERT INTO clicks (event_id, user_id, event_time, page) VALUES
  (1, 'u_101', '2026-11-02 08:01:12', '/home'),
  (2, 'u_101', '2026-11-02 08:03:40', '/pricing'),
  (3, 'u_101', '2026-11-02 08:05:02', '/signup'),
  (4, 'u_101', '2026-11-02 19:22:51', '/home'),
  (5, 'u_102', '2026-11-02 09:14:00', '/home'),
  (6, 'u_102', '2026-11-02 09:15:30', '/docs'),
  (7, 'u_102', '2026-11-02 09:19:45', '/docs/spark'),
  (8, 'u_103', '2026-11-02 10:02:10', '/home'),
  (9, 'u_103', '2026-11-02 10:04:55', '/blog'),
  (10, 'u_104', '2026-11-02 11:30:00', '/pricing'),
  (11, 'u_104', '2026-11-02 11:31:20', '/contact'),
  (12, 'u_104', '2026-11-02 11:40:05', '/home'),
  (13, 'u_105', '2026-11-02 12:00:00', '/home'),
  (14, 'u_106', '2026-11-02 13:45:10', '/docs'),
  (15, 'u_106', '2026-11-02 13:47:00', '/docs/delta'),
  (16, 'u_107', '2026-11-02 14:05:33', '/home'),
  (17, 'u_107', '2026-11-02 14:06:12', '/careers'),
  (18, 'u_108', '2026-11-02 15:10:00', '/home'),
  (19, 'u_108', '2026-11-02 15:12:40', '/pricing'),
  (20, 'u_108', '2026-11-02 15:13:05', '/signup'),
  (21, 'u_109', '2026-11-02 16:20:00', '/blog');
-- A crawler hitting search every 37 seconds, a second slower bot, and anonymous visitors.
INSERT INTO clicks (event_id, user_id, event_time, page)
SELECT 100 + g, 'bot_7', TIMESTAMP '2026-11-02 00:00:00' + g * INTERVAL '37 seconds', '/search'
FROM generate_series(1, 24) AS g;
INSERT INTO clicks (event_id, user_id, event_time, page)
SELECT 200 + g, 'bot_3', TIMESTAMP '2026-11-02 03:00:00' + g * INTERVAL '5 minutes', '/sitemap.xml'
FROM generate_series(1, 9) AS g;
INSERT INTO clicks (event_id, user_id, event_time, page)
SELECT 300 + g, NULL, TIMESTAMP '2026-11-02 07:00:00' + g * INTERVAL '47 minutes', '/home'
FROM generate_series(1, 6) AS g;`,
      reference: `WITH per_key AS (
  SELECT user_id, count(*) AS events
  FROM clicks
  GROUP BY user_id
), with_share AS (
  SELECT user_id, events, 100.0 * events / sum(events) OVER () AS share
  FROM per_key
)
SELECT user_id, events, round(share, 1) AS share_pct
FROM with_share
WHERE share >= 10
ORDER BY events DESC, user_id;`,
      ordered: true,
    },
  },
  {
    slug: "sessionize-clickstream",
    title: "Sessionise a clickstream with window functions",
    prompt:
      "Product wants sessions from raw page views: a new session starts with a user's first view, or when more than 30 minutes have passed since that user's previous view (exactly 30 minutes still continues the session). The pad has page_views(user_id text, viewed_at timestamp, page text). Write a query returning user_id, session_number (1, 2, ... per user in time order), session_start, session_end (first and last view) and views (count), ordered by user_id and session_number. Then explain how the same logic runs in Spark on 20 billion rows a day, and what happens when one user has 50 million views. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "What does the physical plan of a window partitioned by user_id and ordered by time contain in Spark, and where is the shuffle?",
      "One user produces 50 million views a day. What fails, and how would you change the job?",
      "How would you sessionise incrementally each hour when a session can span the hour boundary?",
      "Could you do this with a streaming session window instead, and what would the watermark decide?",
    ],
    hints: [
      "Compare each row with the previous row of the same user: LAG over a window partitioned by user.",
      "Mark the rows that start a session with 1, then a running SUM of those marks numbers the sessions.",
    ],
    goodAnswerL4:
      "Uses LAG partitioned by user_id ordered by viewed_at to flag session starts (first row or gap over 30 minutes), a running SUM of the flags as the session number, then groups by user and session. Explains that in Spark the window needs an exchange hash-partitioned by user_id and a sort within partitions, so all rows of one user sit in one task.",
    goodAnswerL6:
      "Writes the same, gets the boundary right, and reasons about the plan: one exchange and sort feed both window functions when they share the partitioning, so the heavy user becomes one giant sorted partition that spills or runs out of memory. Offers fixes: filter or cap bots, sessionise per user and day with a carry-over of the open session, or use streaming session windows with a watermark. Discusses incremental processing with state for open sessions and how late events reopen closed sessions.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["window-functions", "skew", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE page_views (
  user_id text NOT NULL,
  viewed_at timestamp NOT NULL,
  page text NOT NULL
);
INSERT INTO page_views (user_id, viewed_at, page) VALUES
  ('ana', '2026-11-03 09:00:00', '/home'),
  ('ana', '2026-11-03 09:04:10', '/docs'),
  ('ana', '2026-11-03 09:30:00', '/docs/joins'),
  ('ana', '2026-11-03 10:00:00', '/docs/aqe'),
  ('ana', '2026-11-03 10:30:01', '/pricing'),
  ('ana', '2026-11-03 10:41:00', '/signup'),
  ('ana', '2026-11-03 18:15:00', '/home'),
  ('ben', '2026-11-03 07:55:00', '/blog'),
  ('ben', '2026-11-03 13:20:00', '/home'),
  ('ben', '2026-11-03 13:21:30', '/careers'),
  ('ben', '2026-11-03 13:48:00', '/careers/eng'),
  ('ben', '2026-11-03 23:50:00', '/home'),
  ('ben', '2026-11-04 00:10:00', '/docs'),
  ('cho', '2026-11-03 11:11:11', '/home'),
  ('dev', '2026-11-03 08:00:00', '/home'),
  ('dev', '2026-11-03 08:29:59', '/docs'),
  ('dev', '2026-11-03 09:00:00', '/docs/delta'),
  ('dev', '2026-11-03 09:31:00', '/docs/photon'),
  ('dev', '2026-11-03 09:32:00', '/pricing');`,
      reference: `WITH flagged AS (
  SELECT user_id, viewed_at,
    CASE
      WHEN lag(viewed_at) OVER w IS NULL THEN 1
      WHEN viewed_at - lag(viewed_at) OVER w > INTERVAL '30 minutes' THEN 1
      ELSE 0
    END AS starts_session
  FROM page_views
  WINDOW w AS (PARTITION BY user_id ORDER BY viewed_at)
), numbered AS (
  SELECT user_id, viewed_at,
    sum(starts_session) OVER (PARTITION BY user_id ORDER BY viewed_at ROWS UNBOUNDED PRECEDING) AS session_number
  FROM flagged
)
SELECT user_id, session_number, min(viewed_at) AS session_start, max(viewed_at) AS session_end, count(*) AS views
FROM numbered
GROUP BY user_id, session_number
ORDER BY user_id, session_number;`,
      ordered: true,
    },
  },
  {
    slug: "latest-record-per-key",
    title: "Keep only the latest record per key",
    prompt:
      "A change feed from the customer database lands in a table with every version of every customer, and replays sometimes deliver the same change twice or a corrected version with the same timestamp in a later batch. The pad has customer_changes(customer_id int, email text, plan text, updated_at timestamp, batch_id int). Write a query that returns the current state of each customer: one row per customer_id with email, plan and updated_at of its latest change, where a tie on updated_at goes to the higher batch_id. Order by customer_id. Then tell me how you would do the same in Spark on a table with 3 billion versions. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "Why is a GROUP BY customer_id with max(updated_at) not enough on its own?",
      "In Spark, compare a row_number window, a groupBy with max_by or max over a struct, and dropDuplicates. Which shuffles what?",
      "If you only receive new versions each day, how do you avoid re-deduplicating all 3 billion rows?",
    ],
    hints: [
      "Number the rows within each customer from newest to oldest and keep number one.",
      "The ordering needs a second column to break ties deterministically.",
    ],
    goodAnswerL4:
      "Uses ROW_NUMBER() partitioned by customer_id ordered by updated_at DESC, batch_id DESC and keeps row 1 (or DISTINCT ON in PostgreSQL). Explains why max(updated_at) alone loses the other columns and why ties need a deterministic tie-breaker. Knows dropDuplicates keeps an arbitrary row and is not a 'latest' rule.",
    goodAnswerL6:
      "Writes the same and compares Spark options: the window needs a full shuffle and sort of every version, while an aggregate taking the max of a struct (updated_at, batch_id, payload) allows partial aggregation before the exchange and moves far less data. Proposes an incremental design: deduplicate only the new batch, then MERGE it into a current-state Delta table, keeping the full history separately for audit.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["deduplication", "window-functions", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE customer_changes (
  customer_id int NOT NULL,
  email text NOT NULL,
  plan text NOT NULL,
  updated_at timestamp NOT NULL,
  batch_id int NOT NULL
);
INSERT INTO customer_changes (customer_id, email, plan, updated_at, batch_id) VALUES
  (1, 'ines@example.com', 'free', '2026-10-01 10:00:00', 1),
  (1, 'ines@example.com', 'pro', '2026-10-15 08:30:00', 3),
  (1, 'ines@example.com', 'pro', '2026-10-15 08:30:00', 4),
  (2, 'omar@example.com', 'free', '2026-10-02 12:00:00', 1),
  (3, 'lea@example.com', 'pro', '2026-10-03 09:00:00', 1),
  (3, 'lea@example.com', 'team', '2026-10-20 16:45:00', 5),
  (3, 'lea@newmail.com', 'team', '2026-10-20 16:45:00', 6),
  (4, 'kofi@example.com', 'free', '2026-10-05 07:10:00', 2),
  (4, 'kofi@example.com', 'pro', '2026-10-06 07:10:00', 2),
  (4, 'kofi@example.com', 'free', '2026-10-28 22:00:00', 7),
  (5, 'mei@example.com', 'team', '2026-10-09 11:00:00', 2),
  (5, 'mei@example.com', 'enterprise', '2026-10-09 11:00:01', 2),
  (6, 'sven@example.com', 'pro', '2026-10-30 13:00:00', 8),
  (6, 'sven@example.com', 'pro', '2026-10-12 13:00:00', 9),
  (7, 'ada@example.com', 'free', '2026-10-14 15:20:00', 3);`,
      reference: `WITH ranked AS (
  SELECT customer_id, email, plan, updated_at,
    row_number() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, batch_id DESC) AS version_rank
  FROM customer_changes
)
SELECT customer_id, email, plan, updated_at
FROM ranked
WHERE version_rank = 1
ORDER BY customer_id;`,
      ordered: true,
    },
  },
  {
    slug: "small-file-report-per-partition",
    title: "Small-file report from a file listing",
    prompt:
      "You suspect the lake has a small-file problem and exported a file listing into the pad as file_listing(table_name text, partition_value text, file_path text, size_bytes bigint). Call a file small when it is under 32 MiB (33,554,432 bytes). Write a query that returns, for each table partition where more than half of the files are small: table_name, partition_value, files, small_files, total_mib (total size in MiB rounded to one decimal) and files_after_compaction (how many files the partition would have if rewritten into 128 MiB files, never fewer than one). Order by small_files descending, then table_name and partition_value. Then tell me what you would do about each flagged partition. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "One partition has 14 small files written during a single day. What kind of writer produces that, and how would you change it?",
      "The web.clicks table is partitioned by date and country. What does that do to file counts, and what layout would you choose instead?",
      "Reading a flagged partition, how many read tasks does Spark create, and which settings decide that?",
      "How would you turn this query into a recurring check that pages nobody at 3 a.m. for a harmless table?",
    ],
    hints: [
      "A conditional count (count with FILTER, or sum of a CASE) gives the small files per group.",
      "The 'more than half' condition refers to aggregates, so it belongs in HAVING.",
      "Divide bytes by 134,217,728 for 128 MiB and round up.",
    ],
    goodAnswerL4:
      "Groups by table and partition, counts small files with a FILTER or CASE, filters with HAVING on small_files * 2 > files, computes totals in MiB and CEIL of bytes over 128 MiB with a minimum of one. Recommends compaction (OPTIMIZE or a rewrite), fixing the writer's partitioning, and explains that each small file costs a listing entry, a footer read and possibly a task.",
    goodAnswerL6:
      "Gets the query right and turns it into a layout policy: separates streaming micro-batch trickle (fix with optimised writes, auto-compaction or a larger trigger interval) from over-partitioning on a high-cardinality column (fix by dropping the partition column in favour of clustering or Z-ordering), estimates the metadata and task overhead saved, and weighs the compute cost and conflict risk of running compaction alongside writers.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["small-files", "partitioning", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE file_listing (
  table_name text NOT NULL,
  partition_value text NOT NULL,
  file_path text NOT NULL,
  size_bytes bigint NOT NULL
);
-- Healthy batch-written days of sales.orders.
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes) VALUES
  ('sales.orders', 'order_date=2026-11-01', 'part-00000.parquet', 125829120),
  ('sales.orders', 'order_date=2026-11-01', 'part-00001.parquet', 131072000),
  ('sales.orders', 'order_date=2026-11-01', 'part-00002.parquet', 98566144),
  ('sales.orders', 'order_date=2026-11-02', 'part-00000.parquet', 134217728),
  ('sales.orders', 'order_date=2026-11-02', 'part-00001.parquet', 41943040);
-- A streaming writer trickling one small file per micro-batch into the current day.
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes)
SELECT 'sales.orders', 'order_date=2026-11-03', 'part-' || lpad(g::text, 5, '0') || '.parquet',
  (6 + (g % 5) * 5) * 1048576 + g * 40960
FROM generate_series(1, 14) AS g;
-- web.clicks, partitioned by date and country: big countries are fine, small ones are all tiny files.
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes) VALUES
  ('web.clicks', 'dt=2026-11-01/country=US', 'part-00000.parquet', 120586240),
  ('web.clicks', 'dt=2026-11-01/country=US', 'part-00001.parquet', 117440512),
  ('web.clicks', 'dt=2026-11-01/country=US', 'part-00002.parquet', 109051904),
  ('web.clicks', 'dt=2026-11-01/country=US', 'part-00003.parquet', 8388608),
  ('web.clicks', 'dt=2026-11-01/country=US', 'part-00004.parquet', 5242880),
  ('web.clicks', 'dt=2026-11-01/country=LU', 'part-00000.parquet', 419430);
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes)
SELECT 'web.clicks', 'dt=2026-11-01/country=FR', 'part-' || lpad(g::text, 5, '0') || '.parquet',
  2097152 + g * 524288
FROM generate_series(0, 5) AS g;
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes)
SELECT 'web.clicks', 'dt=2026-11-01/country=DE', 'part-' || lpad(g::text, 5, '0') || '.parquet',
  CASE WHEN g = 0 THEN 62914560 ELSE 3145728 + g * 262144 END
FROM generate_series(0, 4) AS g;
INSERT INTO file_listing (table_name, partition_value, file_path, size_bytes)
SELECT 'web.clicks', 'dt=2026-11-01/country=NL', 'part-' || lpad(g::text, 5, '0') || '.parquet',
  CASE WHEN g < 2 THEN 50331648 ELSE 1048576 END
FROM generate_series(0, 3) AS g;`,
      reference: `SELECT table_name, partition_value,
  count(*) AS files,
  count(*) FILTER (WHERE size_bytes < 33554432) AS small_files,
  round(sum(size_bytes) / 1048576.0, 1) AS total_mib,
  greatest(1, ceil(sum(size_bytes) / 134217728.0))::int AS files_after_compaction
FROM file_listing
GROUP BY table_name, partition_value
HAVING count(*) FILTER (WHERE size_bytes < 33554432) * 2 > count(*)
ORDER BY small_files DESC, table_name, partition_value;`,
      ordered: true,
    },
  },
  {
    slug: "region-revenue-join-plan",
    title: "Join a fact to a dimension, then predict Spark's plan",
    prompt:
      "Finance wants November 2026 revenue per region, and every region must appear, with zero when it had no orders. The pad has orders(order_id int, store_id int, order_date date, amount numeric) and stores(store_id int, city text, region text). Write a query returning region, orders (count of November orders) and revenue (sum of their amounts, 0 when none), ordered by revenue descending, then region. Then, assuming orders is 3 TB and stores is 40,000 rows, describe the Spark physical plan for your query: which join strategy, where the exchanges are, and what you would change. EXPLAIN works in the pad's SQL runner; compare what PostgreSQL chose with what Spark would choose.",
    followUps: [
      "Where did you put the November filter, and what happens to empty regions if it moves into the WHERE clause?",
      "Your query keeps all regions by outer-joining from stores. Which side can Spark broadcast in that join, and is it the side you want?",
      "How would aggregating orders per store before the join change the plan and the amount of data shuffled?",
      "The stores table has no statistics and Spark picks a sort-merge join. How do you find out why, and what are your options?",
    ],
    hints: [
      "Start from the table whose rows must all survive.",
      "A condition on the optional side of an outer join belongs in the ON clause, or in a subquery.",
      "Spark only broadcasts the side of an outer join that is allowed to be missing rows.",
    ],
    goodAnswerL4:
      "Writes stores LEFT JOIN orders with the date range in the ON clause, counts order_id rather than rows and coalesces the sum to zero. Explains the difference between a broadcast hash join and a sort-merge join, knows the small table is normally broadcast under the size threshold, and points out the exchange for the final aggregation.",
    goodAnswerL6:
      "Notices that with stores as the preserved side of a left outer join Spark can only build from orders, so the naive plan shuffles 3 TB into a sort-merge join. Rewrites it: aggregate November orders per store first (partial aggregation and one small exchange, with the date filter pushed into the scan and partition pruning), then join the small result to stores, or inner-join with a broadcast and add missing regions afterwards. Discusses statistics, hints and adaptive execution switching to a broadcast at runtime, and reads PostgreSQL's hash join from EXPLAIN as the same idea on one machine.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["joins", "query-plans", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE stores (
  store_id int PRIMARY KEY,
  city text NOT NULL,
  region text NOT NULL
);
INSERT INTO stores (store_id, city, region) VALUES
  (1, 'Lisbon', 'south'),
  (2, 'Porto', 'north'),
  (3, 'Braga', 'north'),
  (4, 'Faro', 'south'),
  (5, 'Coimbra', 'centre'),
  (6, 'Funchal', 'islands'),
  (7, 'Aveiro', 'centre');
CREATE TABLE orders (
  order_id int PRIMARY KEY,
  store_id int NOT NULL REFERENCES stores (store_id),
  order_date date NOT NULL,
  amount numeric(10, 2) NOT NULL
);
INSERT INTO orders (order_id, store_id, order_date, amount) VALUES
  (1001, 1, '2026-10-30', 80.00),
  (1002, 6, '2026-10-31', 45.50),
  (1003, 1, '2026-11-01', 120.00),
  (1004, 2, '2026-11-01', 64.90),
  (1005, 3, '2026-11-02', 15.00),
  (1006, 1, '2026-11-03', 230.40),
  (1007, 4, '2026-11-03', 99.99),
  (1008, 5, '2026-11-05', 42.00),
  (1009, 2, '2026-11-07', 18.25),
  (1010, 3, '2026-11-09', 310.00),
  (1011, 7, '2026-11-10', 12.50),
  (1012, 1, '2026-11-12', 54.10),
  (1013, 4, '2026-11-15', 76.00),
  (1014, 2, '2026-11-18', 140.00),
  (1015, 5, '2026-11-21', 33.30),
  (1016, 3, '2026-11-25', 8.75),
  (1017, 1, '2026-11-30', 61.00),
  (1018, 4, '2026-12-01', 500.00),
  (1019, 6, '2026-12-02', 75.00),
  (1020, 2, '2026-12-03', 20.00);`,
      reference: `SELECT s.region,
  count(o.order_id) AS orders,
  coalesce(sum(o.amount), 0) AS revenue
FROM stores AS s
LEFT JOIN orders AS o
  ON o.store_id = s.store_id
  AND o.order_date >= DATE '2026-11-01'
  AND o.order_date < DATE '2026-12-01'
GROUP BY s.region
ORDER BY revenue DESC, s.region;`,
      ordered: true,
    },
  },
  {
    slug: "top-products-per-category",
    title: "Top three products per category",
    prompt:
      "Merchandising wants the three best-selling products of each category for the month. The pad has daily_sales(sale_date date, category text, product text, revenue numeric), one row per product per day it sold. Rank products within their category by total revenue; tied products share a rank and the next rank is skipped (1, 2, 2, 4). Return category, product, total_revenue and sales_rank for every product ranked 3 or better, ordered by category, sales_rank, product. Then tell me how Spark would execute this on 5 billion daily rows and what makes it cheap or expensive. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "Why does the order matter between aggregating and ranking, and what would ranking the raw daily rows give you?",
      "What is the difference between RANK, DENSE_RANK and ROW_NUMBER here, and which one would the business actually want?",
      "How many shuffles does the Spark plan have, and can the rank filter be applied before the full sort?",
    ],
    hints: [
      "Total the revenue per product first, then rank those totals.",
      "A window partitioned by category ordered by total revenue descending gives the rank.",
    ],
    goodAnswerL4:
      "Aggregates revenue per category and product, applies RANK() over a window partitioned by category ordered by total descending, and filters rank <= 3 in an outer query because window results cannot be filtered in WHERE directly. Explains the tie rule and that the category with a tie returns four rows.",
    goodAnswerL6:
      "Writes the same and explains the plan: partial and final aggregation around an exchange on (category, product), then a second exchange on category and a sort for the window, with the number of categories limiting parallelism. Knows recent Spark versions can apply a per-group limit before the window for rank filters, and discusses a pre-aggregated daily table so the monthly job reads millions rather than billions of rows.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["window-functions", "aggregation", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE daily_sales (
  sale_date date NOT NULL,
  category text NOT NULL,
  product text NOT NULL,
  revenue numeric(10, 2) NOT NULL
);
INSERT INTO daily_sales (sale_date, category, product, revenue) VALUES
  ('2026-11-01', 'books', 'Data Pipelines', 120.00),
  ('2026-11-02', 'books', 'Data Pipelines', 80.00),
  ('2026-11-01', 'books', 'Stream Thinking', 170.00),
  ('2026-11-03', 'books', 'Query Engines', 90.00),
  ('2026-11-04', 'books', 'Query Engines', 60.00),
  ('2026-11-02', 'books', 'Lakehouse Notes', 140.00),
  ('2026-11-05', 'books', 'Lakehouse Notes', 10.00),
  ('2026-11-06', 'books', 'Shell Tricks', 40.00),
  ('2026-11-01', 'games', 'Orbit Run', 300.00),
  ('2026-11-02', 'games', 'Orbit Run', 250.00),
  ('2026-11-03', 'games', 'Tile Town', 410.00),
  ('2026-11-04', 'games', 'Pixel Farm', 75.00),
  ('2026-11-05', 'games', 'Pixel Farm', 80.00),
  ('2026-11-06', 'games', 'Chess Club', 150.00),
  ('2026-11-07', 'games', 'Word Hunt', 20.00),
  ('2026-11-01', 'music', 'Lo-fi Mix', 35.00),
  ('2026-11-04', 'music', 'Lo-fi Mix', 15.00),
  ('2026-11-02', 'music', 'Jazz Basics', 70.00),
  ('2026-11-01', 'tools', 'Label Maker', 22.00),
  ('2026-11-02', 'tools', 'Label Maker', 18.00),
  ('2026-11-03', 'tools', 'Drill Kit', 260.00),
  ('2026-11-04', 'tools', 'Tape Measure', 12.00),
  ('2026-11-05', 'tools', 'Tape Measure', 9.50),
  ('2026-11-06', 'tools', 'Work Gloves', 20.50),
  ('2026-11-07', 'tools', 'Saw Blade', 19.00);`,
      reference: `WITH totals AS (
  SELECT category, product, sum(revenue) AS total_revenue
  FROM daily_sales
  GROUP BY category, product
), ranked AS (
  SELECT category, product, total_revenue,
    rank() OVER (PARTITION BY category ORDER BY total_revenue DESC) AS sales_rank
  FROM totals
)
SELECT category, product, total_revenue, sales_rank
FROM ranked
WHERE sales_rank <= 3
ORDER BY category, sales_rank, product;`,
      ordered: true,
    },
  },
  {
    slug: "running-usage-totals",
    title: "Running totals and a trailing seven-day window",
    prompt:
      "A usage dashboard shows each workspace's compute consumption. The pad has account_usage(account_id text, usage_date date, dbus numeric), at most one row per account and day; days without usage have no row. Write a query returning account_id, usage_date, dbus, running_dbus (cumulative total for the account up to and including that day) and trailing_7d_dbus (the account's total over that day and the six calendar days before it), ordered by account_id and usage_date. Then explain what Spark does with these window functions, and what goes wrong if someone drops the account partitioning. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "Why does ROWS BETWEEN 6 PRECEDING AND CURRENT ROW give wrong numbers on this data?",
      "A colleague computes a company-wide running total with a window that has ORDER BY but no PARTITION BY. What does Spark do with that, and how would you compute it at scale instead?",
      "How would you keep the running total up to date daily without recomputing the whole history?",
    ],
    hints: [
      "Both columns are window SUMs partitioned by account and ordered by date; they differ in the frame.",
      "A RANGE frame measured in days respects gaps; a ROWS frame counts rows.",
    ],
    goodAnswerL4:
      "Uses SUM over a window partitioned by account_id ordered by usage_date for the running total and a RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW frame for the trailing sum, and explains why a ROWS frame is wrong when days are missing. Knows that in Spark each window needs its data shuffled by the partition key and sorted.",
    goodAnswerL6:
      "Writes the same and reasons about scale: a window without a partition key moves every row to a single task, so a global running total should be computed as per-partition sums plus an offset from a small aggregate of the partition totals. Mentions alternatives for RANGE frames on dates in Spark (ordering by a day number), keeping a daily snapshot table so each run only adds one day, and checking that both window expressions share one exchange and sort in the plan.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["window-functions", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE account_usage (
  account_id text NOT NULL,
  usage_date date NOT NULL,
  dbus numeric(8, 1) NOT NULL,
  PRIMARY KEY (account_id, usage_date)
);
INSERT INTO account_usage (account_id, usage_date, dbus) VALUES
  ('acme', '2026-11-01', 12.0),
  ('acme', '2026-11-02', 8.5),
  ('acme', '2026-11-03', 10.0),
  ('acme', '2026-11-05', 30.0),
  ('acme', '2026-11-06', 4.5),
  ('acme', '2026-11-08', 20.0),
  ('acme', '2026-11-09', 6.0),
  ('acme', '2026-11-13', 15.0),
  ('acme', '2026-11-14', 2.0),
  ('acme', '2026-11-20', 40.0),
  ('globex', '2026-11-02', 100.0),
  ('globex', '2026-11-03', 90.0),
  ('globex', '2026-11-04', 110.0),
  ('globex', '2026-11-07', 50.0),
  ('globex', '2026-11-08', 60.0),
  ('globex', '2026-11-10', 70.0),
  ('globex', '2026-11-11', 80.0),
  ('initech', '2026-11-05', 3.0);`,
      reference: `SELECT account_id, usage_date, dbus,
  sum(dbus) OVER (PARTITION BY account_id ORDER BY usage_date) AS running_dbus,
  sum(dbus) OVER (
    PARTITION BY account_id ORDER BY usage_date
    RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW
  ) AS trailing_7d_dbus
FROM account_usage
ORDER BY account_id, usage_date;`,
      ordered: true,
    },
  },
  {
    slug: "late-arriving-events",
    title: "How much data arrives after the daily job ran?",
    prompt:
      "A daily aggregate for event date D runs at 02:00 the next day (D + 1 day + 2 hours); anything ingested after that moment is missing from D's numbers. Mobile devices buffer events offline, so some arrive days late. The pad has device_events(event_id int, device_id text, event_time timestamp, ingested_at timestamp). Write a query returning, per event date (the date part of event_time): event_date, events, late_events (ingested strictly after that date's cutoff) and max_delay_minutes (largest ingested_at minus event_time, in whole minutes), ordered by event_date. Then design how the pipeline should handle late data, in batch and in streaming. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "Which daily partitions would you recompute, and how would you find them cheaply each day?",
      "In Structured Streaming, what does a watermark of 2 hours do to an aggregation, and what happens to an event 3 days late?",
      "How do you trade freshness against completeness, and who should choose the numbers?",
      "Why does partitioning the raw table by ingestion date rather than event date make late data easier to handle?",
    ],
    hints: [
      "Cast event_time to a date for the grouping key; the cutoff is that date plus 26 hours.",
      "A conditional count gives the late events; extract the epoch of an interval to get seconds.",
    ],
    goodAnswerL4:
      "Groups by event_time::date, counts rows, counts late rows with a FILTER comparing ingested_at to the date plus one day and two hours, and converts the maximum delay to minutes. Proposes re-running the affected days or running a correction job that merges late events into the aggregate, and explains a streaming watermark as how long the engine waits before finalising a window.",
    goodAnswerL6:
      "Gets the boundary right and designs the pipeline: raw data partitioned by ingestion time, an incremental job that finds the event dates touched by newly ingested rows and recomputes or MERGEs only those aggregates, and a published completeness figure per day. For streaming, sizes the watermark from the delay distribution in this query (state size versus dropped events), routes events beyond it to a side table for batch correction, and agrees with consumers which numbers may still change.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["late-data", "streaming", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE device_events (
  event_id int PRIMARY KEY,
  device_id text NOT NULL,
  event_time timestamp NOT NULL,
  ingested_at timestamp NOT NULL
);
INSERT INTO device_events (event_id, device_id, event_time, ingested_at) VALUES
  (1, 'tab-01', '2026-11-01 08:00:00', '2026-11-01 08:00:05'),
  (2, 'tab-01', '2026-11-01 12:30:00', '2026-11-01 12:31:00'),
  (3, 'tab-02', '2026-11-01 18:45:00', '2026-11-01 18:45:10'),
  (4, 'pho-07', '2026-11-01 21:10:00', '2026-11-02 01:55:00'),
  (5, 'pho-07', '2026-11-01 23:20:00', '2026-11-02 02:00:00'),
  (6, 'pho-09', '2026-11-01 23:50:00', '2026-11-02 02:00:01'),
  (7, 'pho-09', '2026-11-01 09:15:00', '2026-11-04 07:15:00'),
  (8, 'tab-02', '2026-11-02 07:00:00', '2026-11-02 07:00:02'),
  (9, 'tab-01', '2026-11-02 10:10:00', '2026-11-02 10:10:04'),
  (10, 'pho-07', '2026-11-02 13:00:00', '2026-11-02 13:40:00'),
  (11, 'tab-03', '2026-11-02 16:20:00', '2026-11-02 16:20:01'),
  (12, 'pho-09', '2026-11-02 22:00:00', '2026-11-03 00:30:00'),
  (13, 'tab-03', '2026-11-03 06:30:00', '2026-11-03 06:30:03'),
  (14, 'tab-01', '2026-11-03 09:45:00', '2026-11-03 09:45:02'),
  (15, 'pho-07', '2026-11-03 11:00:00', '2026-11-04 09:00:00'),
  (16, 'pho-11', '2026-11-03 14:00:00', '2026-11-06 14:00:00'),
  (17, 'pho-11', '2026-11-03 14:05:00', '2026-11-06 14:00:30'),
  (18, 'tab-02', '2026-11-03 20:00:00', '2026-11-03 20:00:01'),
  (19, 'tab-03', '2026-11-04 08:00:00', '2026-11-04 08:00:02'),
  (20, 'tab-01', '2026-11-04 15:30:00', '2026-11-04 15:30:02'),
  (21, 'pho-09', '2026-11-04 23:59:00', '2026-11-05 01:59:00');`,
      reference: `SELECT event_time::date AS event_date,
  count(*) AS events,
  count(*) FILTER (WHERE ingested_at > event_time::date + INTERVAL '1 day 2 hours') AS late_events,
  floor(extract(epoch FROM max(ingested_at - event_time)) / 60)::int AS max_delay_minutes
FROM device_events
GROUP BY event_time::date
ORDER BY event_date;`,
      ordered: true,
    },
  },
  {
    slug: "incremental-merge-batch",
    title: "Apply a batch of changes the way MERGE would",
    prompt:
      "Each hour a batch of account changes must be applied to a current-state table. The pad has accounts(account_id int, email text, status text, updated_at timestamp), the target, and account_changes(account_id int, email text, status text, op text, changed_at timestamp), the batch, where op is 'upsert' or 'delete' and email and status are NULL for deletes. Rules: a key can appear several times in the batch and only its latest change counts; a change not newer than the target row's updated_at is a stale replay and is ignored; a delete of an unknown key does nothing. Write a SELECT that returns the accounts table as it should look after the batch (account_id, email, status, updated_at, with updated_at = changed_at for applied upserts), ordered by account_id. Then tell me how you would write it as a MERGE on a Delta table and what can go wrong. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "What happens on Delta if you MERGE the raw batch without keeping only the latest change per key?",
      "Write the MERGE statement: which WHEN MATCHED and WHEN NOT MATCHED clauses do you need, with which conditions?",
      "How does a Delta MERGE execute in Spark: what is scanned, what is joined, and which files get rewritten?",
      "Two hourly jobs overlap and both MERGE into the table. What does Delta do, and how do you design to avoid it?",
    ],
    hints: [
      "First reduce the batch to one row per key: the latest change.",
      "Keep the target rows that no fresh change touches, then add the fresh upserts.",
      "Compare changed_at with the target's updated_at only when the key exists in the target.",
    ],
    goodAnswerL4:
      "Deduplicates the batch with ROW_NUMBER by account_id ordered by changed_at descending, drops stale changes with a left join to the target, and combines untouched target rows with fresh upserts (for example with UNION ALL or a full outer join and CASE). Writes a MERGE with a matched-and-newer update, a matched delete and a not-matched insert, and knows Delta refuses a MERGE where several source rows match one target row.",
    goodAnswerL6:
      "Writes the same and explains the execution: Delta joins the source with the target to find touched files, then rewrites every file containing a matched row, so a batch scattered across keys rewrites most of the table. Reduces that with partition or clustering predicates in the ON clause, deletion vectors where available, and a smaller key range per batch. Covers idempotent retries through the staleness rule, optimistic concurrency conflicts between overlapping writers, and schema evolution of the source.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["merge", "delta-lake", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE accounts (
  account_id int PRIMARY KEY,
  email text NOT NULL,
  status text NOT NULL,
  updated_at timestamp NOT NULL
);
INSERT INTO accounts (account_id, email, status, updated_at) VALUES
  (1, 'amir@old.example', 'active', '2026-11-01 10:00:00'),
  (2, 'bea@example.com', 'active', '2026-11-01 11:00:00'),
  (3, 'carl@example.com', 'suspended', '2026-11-02 09:00:00'),
  (4, 'dana@example.com', 'active', '2026-11-05 12:00:00'),
  (5, 'eli@example.com', 'active', '2026-11-03 08:00:00'),
  (6, 'fay@example.com', 'trial', '2026-11-04 16:00:00');
CREATE TABLE account_changes (
  account_id int NOT NULL,
  email text,
  status text,
  op text NOT NULL CHECK (op IN ('upsert', 'delete')),
  changed_at timestamp NOT NULL
);
INSERT INTO account_changes (account_id, email, status, op, changed_at) VALUES
  (1, 'amir@mid.example', 'active', 'upsert', '2026-11-06 09:00:00'),
  (1, 'amir@new.example', 'active', 'upsert', '2026-11-06 11:00:00'),
  (3, NULL, NULL, 'delete', '2026-11-06 10:00:00'),
  (4, 'dana@stale.example', 'active', 'upsert', '2026-11-04 12:00:00'),
  (5, NULL, NULL, 'delete', '2026-11-06 07:00:00'),
  (5, 'eli@example.com', 'suspended', 'upsert', '2026-11-06 08:00:00'),
  (6, NULL, NULL, 'delete', '2026-11-06 12:00:00'),
  (6, 'fay@example.com', 'active', 'upsert', '2026-11-06 13:00:00'),
  (7, 'gus@example.com', 'trial', 'upsert', '2026-11-06 09:30:00'),
  (8, 'hana@example.com', 'trial', 'upsert', '2026-11-06 09:00:00'),
  (8, NULL, NULL, 'delete', '2026-11-06 15:00:00'),
  (9, NULL, NULL, 'delete', '2026-11-06 10:00:00');`,
      reference: `WITH latest AS (
  SELECT account_id, email, status, op, changed_at,
    row_number() OVER (PARTITION BY account_id ORDER BY changed_at DESC) AS change_rank
  FROM account_changes
), fresh AS (
  SELECT l.account_id, l.email, l.status, l.op, l.changed_at
  FROM latest AS l
  LEFT JOIN accounts AS a ON a.account_id = l.account_id
  WHERE l.change_rank = 1
    AND (a.account_id IS NULL OR l.changed_at > a.updated_at)
)
SELECT a.account_id, a.email, a.status, a.updated_at
FROM accounts AS a
WHERE NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.account_id = a.account_id)
UNION ALL
SELECT account_id, email, status, changed_at
FROM fresh
WHERE op = 'upsert'
ORDER BY account_id;`,
      ordered: true,
    },
  },
  {
    slug: "task-duration-percentiles",
    title: "Spot skew and stragglers from task metrics",
    prompt:
      "You exported task metrics of a slow job from the Spark event log into the pad as task_metrics(stage_id int, task_id int, executor_id int, duration_ms int, shuffle_read_mb numeric). Write a query that returns, per stage: stage_id, tasks, p50_ms and p95_ms (continuous, interpolated percentiles of duration, rounded to whole milliseconds), max_ms and skew_ratio (max duration divided by the median, rounded to one decimal), ordered by skew_ratio descending. Then interpret the result: which stage has data skew, which has a different problem, and how the shuffle_read_mb and executor_id columns tell them apart. EXPLAIN works in the pad's SQL runner.",
    followUps: [
      "Stage 9 has no single monster task but a slow tail. Query the data to find out whether it is the data or the machines.",
      "How does adaptive execution decide that a shuffle partition is skewed, and would it catch stage 7?",
      "What does speculative execution do, and why would it help one of these stages but not the other?",
      "On billions of rows, why might you use percentile_approx instead of an exact percentile, and what does its accuracy parameter trade?",
    ],
    hints: [
      "percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) is the median in PostgreSQL.",
      "percentile_cont returns double precision; cast to numeric before rounding to a number of decimals.",
      "Compare the slow tasks' input sizes with the others, then group the slow tasks by executor.",
    ],
    goodAnswerL4:
      "Uses percentile_cont within group for p50 and p95, max and a ratio, handles the rounding cast, and reads the result: stage 7 has one task hundreds of times slower than the median with a matching shuffle read, which is key skew; stage 9's slow tasks read normal amounts of data. Suggests salting or adaptive skew handling for stage 7.",
    goodAnswerL6:
      "Goes further with a follow-up query grouping stage 9's tasks by executor to show one slow machine, which calls for speculative execution or replacing the node rather than repartitioning. Relates the skew ratio to adaptive execution's rule (a partition well above the median and above a size threshold), explains when exact percentiles are too expensive and what approximate ones cost in memory and error, and proposes turning this check into an automatic job health report.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["skew", "debugging", "sql"],
    exercise: {
      language: "sql",
      setup: `CREATE TABLE task_metrics (
  stage_id int NOT NULL,
  task_id int NOT NULL,
  executor_id int NOT NULL,
  duration_ms int NOT NULL,
  shuffle_read_mb numeric(8, 1) NOT NULL,
  PRIMARY KEY (stage_id, task_id)
);
-- Stage 4: a join stage with evenly sized tasks.
INSERT INTO task_metrics (stage_id, task_id, executor_id, duration_ms, shuffle_read_mb)
SELECT 4, g, 1 + g % 5, 40000 + (g * 7919) % 10000, 250 + (g * 13) % 40
FROM generate_series(0, 19) AS g;
-- Stage 7: an aggregation where one key's partition is enormous.
INSERT INTO task_metrics (stage_id, task_id, executor_id, duration_ms, shuffle_read_mb)
SELECT 7, 20 + g, 1 + g % 5,
  CASE WHEN g = 13 THEN 3600000 ELSE 8000 + (g * 37) % 900 END,
  CASE WHEN g = 13 THEN 14800 ELSE 120 + g % 5 END
FROM generate_series(0, 19) AS g;
-- Stage 9: a write stage where every task on executor 5 is slow despite normal input.
INSERT INTO task_metrics (stage_id, task_id, executor_id, duration_ms, shuffle_read_mb)
SELECT 9, 40 + g, 1 + g % 5,
  CASE WHEN g % 5 = 4 THEN 3 ELSE 1 END * (12000 + g * 150),
  90 + g % 3
FROM generate_series(0, 19) AS g;`,
      reference: `SELECT stage_id,
  count(*) AS tasks,
  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::numeric) AS p50_ms,
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)::numeric) AS p95_ms,
  max(duration_ms) AS max_ms,
  round((max(duration_ms) / percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms))::numeric, 1) AS skew_ratio
FROM task_metrics
GROUP BY stage_id
ORDER BY skew_ratio DESC;`,
      ordered: true,
    },
  },
  {
    slug: "narrow-and-wide-transformations",
    title: "Narrow and wide transformations",
    prompt:
      "A junior colleague's job reads 500 GB of logs and runs, in order: filter on status, select five columns, withColumn to parse a timestamp, distinct, groupBy on endpoint with a count, orderBy on the count, and show(20). The Spark UI shows three stages and the job takes 25 minutes. For each step, say whether it is narrow or wide, where the stage boundaries fall, and which step you would question first.",
    followUps: [
      "Why is distinct a wide transformation, and is it needed before a groupBy count here?",
      "What does the orderBy cost when only the top 20 rows are shown, and how does Spark avoid a full sort in that case?",
      "If you added a union with another DataFrame, would it add a shuffle?",
    ],
    hints: [
      "Ask of each step: does one output partition need rows from many input partitions?",
      "A shuffle marks the end of one stage and the start of the next.",
    ],
    goodAnswerL4:
      "Classifies filter, select and withColumn as narrow (each output partition depends on one input partition) and distinct, groupBy and orderBy as wide because they redistribute rows by key, places stage boundaries at those exchanges, and questions the distinct, which shuffles every full row before the aggregation. Notes that ordering and then taking a few rows is planned as a top-N rather than a full sort.",
    goodAnswerL6:
      "Explains the same from the plan: the distinct becomes an aggregation on all columns with its own exchange, the groupBy has partial and final aggregation, and sort plus limit becomes a take-ordered operation, which is why the UI shows fewer stages than wide operations. Quantifies the shuffle written by the distinct on 500 GB, and asks whether duplicates exist at all before paying for it.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["execution-model", "shuffle"],
  },
  {
    slug: "repartition-versus-coalesce",
    title: "Choosing partition counts: repartition versus coalesce",
    prompt:
      "A job aggregates 2 TB of events with the default 200 shuffle partitions; tasks spill about 8 GB each and several run for 40 minutes. At the end it calls coalesce(1) to write a single CSV file for a downstream team, and that last step alone takes an hour. Explain what is going on in both places and how you would choose partition counts instead.",
    followUps: [
      "What is the difference between repartition(n) and coalesce(n), and why did coalesce(1) make the whole final stage slow and not just the write?",
      "How do you pick spark.sql.shuffle.partitions for 2 TB of shuffle data, and what does adaptive execution change about that choice?",
      "What do the spill metrics in the stage page tell you, and is spill always a problem?",
    ],
    hints: [
      "Divide the shuffle size by the partition count and compare with the memory a task gets.",
      "coalesce avoids a shuffle by merging partitions, so it also shrinks the parallelism of the work before it.",
    ],
    goodAnswerL4:
      "Computes roughly 10 GB of shuffle data per task with 200 partitions, explains that this exceeds execution memory and causes spill, and raises the partition count so tasks handle about 100 to 200 MB each. Explains that coalesce(1) is a narrow operation that pulls the preceding computation into a single task, and proposes repartition(1) after the heavy work, or better, writing many files and letting the consumer read a folder.",
    goodAnswerL6:
      "Covers the same and sets a policy: a high initial partition count with adaptive coalescing towards an advisory partition size, output file sizing through the writer rather than a single-file coalesce, and questioning the single CSV requirement with the consumer. Reads spill and GC time to decide whether the fix is more partitions, more memory per core or less data per row, and explains the trade-off between task scheduling overhead and per-task memory.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["partitioning", "shuffle", "memory"],
  },
  {
    slug: "python-udf-slowdown",
    title: "A Python UDF that makes the job five times slower",
    prompt:
      "A feature pipeline normalises phone numbers and computes a text score with a Python UDF applied row by row. Since it was added the job is five times slower, the executors' CPU shows time in Python worker processes, and a filter on the UDF's output no longer reduces the data read from Parquet. Explain why, and what you would change.",
    followUps: [
      "How does data move between the JVM and the Python worker for a plain Python UDF versus a pandas UDF?",
      "Why can a filter on a UDF result not be pushed down to the scan?",
      "Which parts of this logic could be expressed with built-in functions, and what does that buy you beyond speed?",
      "The same job runs on a vectorised native engine. What happens to the UDF stage?",
    ],
    hints: [
      "Each row crosses a process boundary and is converted twice.",
      "The optimiser cannot see inside Python code, so it treats the UDF as a black box.",
    ],
    goodAnswerL4:
      "Explains that rows are serialised from the JVM to Python worker processes and back, row by row, and that the optimiser cannot reason about the UDF, so predicates depending on it are not pushed down. Replaces the normalisation with built-in string functions (regexp_replace and similar), uses a vectorised pandas UDF with Arrow batches for the score, and keeps filters on raw columns so they reach the scan.",
    goodAnswerL6:
      "Adds the cost model: serialisation, per-row Python overhead, Python worker memory outside the JVM heap (overhead settings, OOM kills) and lost whole-stage code generation. Measures before and after, chooses between built-ins, Arrow-based pandas or Arrow-optimised UDFs and a JVM implementation, and notes that a native vectorised engine falls back around Python UDFs, so those stages gain nothing. Sets team guidance and a lint or review check for new UDFs.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["udf", "pyspark", "performance"],
  },
  {
    slug: "broadcast-join-gone-wrong",
    title: "A broadcast join that takes the driver down",
    prompt:
      "To avoid a slow sort-merge join, a team raised autoBroadcastJoinThreshold to 2 GB and added a broadcast hint on a dimension table they believed was 300 MB. The job now fails intermittently: sometimes the driver dies with an out-of-memory error, sometimes it fails after a broadcast timeout of 300 seconds, and on good days it is faster than before. Explain what is happening and what you would do.",
    followUps: [
      "Why can a table that is 300 MB as compressed Parquet be many times larger once broadcast?",
      "Walk through the path of a broadcast: who collects the data, who builds the hash table, who holds copies?",
      "When would a shuffled hash join be a better choice than either broadcast or sort-merge?",
      "How would you stop one team's threshold change from hurting others on a shared cluster?",
    ],
    hints: [
      "Compare file size on disk with the size of the deserialised rows in memory.",
      "The driver is on the path of every broadcast.",
    ],
    goodAnswerL4:
      "Explains that the compressed on-disk size understates the in-memory size, that the driver collects the table and builds the broadcast before sending it to every executor, and that a large broadcast therefore pressures driver memory, network and executor memory. Restores a sane threshold, removes the blanket hint, filters and prunes columns before broadcasting, and checks the real size in the plan and UI.",
    goodAnswerL6:
      "Reasons about the full cost: collection to the driver, hash-table build, torrent distribution to hundreds of executors, and one copy per executor in memory; explains why runs vary (data growth, concurrent broadcasts, timeout under load). Compares a broadcast with a shuffled hash join or a sort-merge join after pre-aggregation, uses adaptive execution's runtime switch based on actual shuffle sizes instead of static hints, and proposes platform guardrails such as cluster policies on thresholds and alerts on broadcast size.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["joins", "memory", "debugging"],
  },
  {
    slug: "over-partitioned-table-layout",
    title: "A table partitioned by the wrong columns",
    prompt:
      "An events table of 80 TB is partitioned by event_date and customer_id. It has 2.5 million partition directories and 40 million files, query planning alone takes four minutes, and most queries filter on event_type and a date range rather than on a single customer. Propose a new layout, explain how you would migrate to it without stopping writers, and how you would show it worked.",
    followUps: [
      "How does partition pruning differ from data skipping with file-level min and max statistics?",
      "What do Z-ordering and liquid clustering each offer, and how do they behave as new data arrives?",
      "How does dynamic partition pruning help a join between this table and a filtered dimension?",
      "What are the risks of rewriting 80 TB, and how do you bound the cost?",
    ],
    hints: [
      "Partition only on low-cardinality columns that most queries filter on.",
      "Within a partition, file statistics can skip data if rows with similar values sit in the same files.",
    ],
    goodAnswerL4:
      "Identifies customer_id as a high-cardinality partition column that creates tiny partitions and small files, proposes partitioning by date only (or not at all) and clustering or Z-ordering on event_type and customer_id so that file statistics skip data, and compacts files to a target size. Explains partition pruning versus file skipping.",
    goodAnswerL6:
      "Designs the migration: create the new table layout, backfill in date ranges with a controlled cost, dual-write or switch writers at a cutover point, validate counts and checksums, and repoint readers through a view. Chooses between Z-order and incremental liquid clustering based on write patterns and query filters, accounts for metadata and log size, and measures success with planning time, files and bytes scanned per query and cost per query before and after.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["partitioning", "delta-lake", "small-files"],
  },
  {
    slug: "catalyst-optimizer-internals",
    title: "Inside the query optimiser",
    prompt:
      "Two queries over an events table partitioned by event_date return the same result, one in 40 seconds and one in 12 minutes. The slow one filters with a UDF that parses event_date and compares it with a parameter; the fast one compares the raw event_date column with a literal. Walk me through what the optimiser does from a DataFrame or SQL query to the code that runs, explain why it could rescue one query and not the other, and tell me when you would extend the optimiser rather than rewrite the query.",
    followUps: [
      "What happens in analysis, logical optimisation, physical planning and code generation, and which of them uses statistics?",
      "What is whole-stage code generation, and what breaks it?",
      "How does cost-based join reordering decide the order of a five-table join, and what happens when statistics are stale?",
      "How would you add a custom optimiser rule, and how would you test that it never changes a query's result?",
    ],
    hints: [
      "The optimiser rewrites a tree of operators with rules; some rules need to know what an expression means.",
      "A data source can only apply predicates it understands, such as comparisons between a column and a literal.",
      "Compare the number of files read by the two queries in the SQL tab of the UI.",
    ],
    goodAnswerL4:
      "Describes the phases: resolving names against the catalog, rule-based logical optimisation (predicate pushdown, column pruning, constant folding), choosing physical operators such as the join strategy, and generating code. Explains that the raw-column predicate became a partition filter and a pushed Parquet filter, so only matching partitions and row groups were read, while the UDF is opaque: it cannot be translated into a source filter, so every partition is read and filtered afterwards.",
    goodAnswerL6:
      "Goes into the rule batches applied to a fixed point, how physical planning picks strategies from size estimates and statistics, cost-based reordering, whole-stage code generation fusing operators and its limits (UDFs, very wide plans), and how adaptive execution revisits choices at runtime. Notes that a UDF marked non-deterministic cannot even be moved through other operators. Knows extension points for custom rules and strategies, and argues when a custom rule is justified (a common pattern across many teams) versus fixing queries, with result-equivalence tests and plan regression checks.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["catalyst", "query-plans"],
  },
  {
    slug: "streaming-state-growth",
    title: "A streaming job whose state keeps growing",
    prompt:
      "A Structured Streaming job deduplicates device events by event_id and counts events per device in 10-minute windows. After three weeks in production the micro-batch time has grown from 20 seconds to 4 minutes, checkpoint storage grew to 900 GB, and executors spend most of their time in garbage collection. What is going on, and how do you fix it without losing correctness?",
    followUps: [
      "What does the watermark do for the windowed count, and what does it do for the deduplication?",
      "How does the state store keep its data, and why might a disk-backed state store help here?",
      "How do you change the state schema or the watermark of a running query without starting from scratch?",
      "How would you monitor state size so this is caught in week one instead of week three?",
    ],
    hints: [
      "Ask which state can ever be dropped, and what tells the engine it is safe to drop it.",
      "Deduplication on event_id alone never knows when an id can no longer reappear.",
    ],
    goodAnswerL4:
      "Finds that the deduplication keeps every event_id forever because it has no watermark or event-time column in its key, so state grows without bound. Adds a watermark and includes event time in the deduplication (or uses a deduplication bounded by the watermark), sets a watermark on the window aggregation so old windows are finalised and removed, and explains the trade-off with late events being dropped.",
    goodAnswerL6:
      "Covers the same and reasons about operations: a disk-backed state store to take state off the JVM heap, partition counts of the stateful operators fixed by the checkpoint, how to migrate state when the query changes (often a new checkpoint with a backfill), and the progress metrics to alert on (state rows, memory, batch duration, watermark lag). Chooses the watermark from the measured delay distribution and agrees the lateness policy with consumers.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["streaming", "memory", "late-data"],
  },
  {
    slug: "compute-platform-choices",
    title: "Choosing how a thousand jobs should run",
    prompt:
      "Your data platform runs about 1,200 scheduled Spark jobs on long-running all-purpose clusters shared by several teams. The monthly compute bill grew 60% in two quarters, utilisation averages 25%, and teams complain about noisy neighbours and library conflicts. You are asked to propose the compute strategy for next year: cluster types, sizing, engine choices such as a vectorised engine, spot capacity and serverless options. How do you decide, and how do you roll it out?",
    followUps: [
      "Which jobs belong on per-job clusters, which on shared or serverless compute, and what data would you gather to decide?",
      "How do you decide whether a vectorised engine pays off when it costs more per hour?",
      "What are the risks of spot or preemptible instances for Spark, and which parts of a job suffer most when a node disappears?",
      "How do you make teams accountable for cost without slowing them down?",
    ],
    hints: [
      "Start by classifying the workload: batch, interactive, streaming, and how long and how often each runs.",
      "Compare cost per job run, not cost per hour.",
    ],
    goodAnswerL4:
      "Moves scheduled jobs to per-job clusters sized for each job with autoscaling and auto-termination, separates interactive work from production jobs, pins libraries per job to end conflicts, and measures cost and runtime per job before and after a change.",
    goodAnswerL6:
      "Builds a decision from data: workload classes from job history, price-performance benchmarks of representative jobs on standard and vectorised engines, spot capacity for stateless executors with on-demand drivers and awareness of lost shuffle files, serverless for short or bursty work, and cluster policies that enforce sizes, tags and engines. Plans a staged migration with shadow runs and result comparison, chargeback or showback by team, and success measures agreed with finance and the teams.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["platform", "photon", "cost"],
  },
];
