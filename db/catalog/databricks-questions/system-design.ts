import type { QuestionDefinition } from "../question-types";

// The system-design round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const systemDesign: QuestionDefinition[] = [
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
      "Design a system that collects operational and model metrics (request rate, latency percentiles, error counts, prediction distributions) from thousands of model-serving replicas. It stores them for dashboards and alerting and keeps 13 months of history.",
    followUps: [
      "How do you compute a p99 latency across many replicas correctly?",
      "A team adds a label with a user id to a metric. What breaks, and how do you protect the system?",
      "How do you downsample old data without losing what matters?",
      "The collection tier falls behind during an incident, exactly when people need the dashboards. How do you keep alerting working?",
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
      "How many machines do you need for 1 million reads per second and 2 TB, and what drives that number?",
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
      "How do you prove to a customer that a query can never return another tenant's lines?",
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
      "Draw the path of a request from the user clicking start to the first Python cell running. Where do the 10 seconds go?",
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
      "A single customer sends 20 times its limit from thousands of IPs. Where in your diagram is it stopped, and at what cost?",
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
  {
    slug: "spark-cluster-task-scheduler",
    title: "The scheduler inside a Spark-like cluster",
    prompt:
      "Design the component that runs inside a shared data-processing cluster and decides which tasks of which jobs run on which executors. Dozens of users submit jobs at once; each job is a graph of stages, each stage has hundreds to tens of thousands of short tasks, and input data lives on specific nodes or in object storage. Draw the driver, the executors and the scheduler and show how a task gets from a submitted job to a running slot.",
    followUps: [
      "A stage has 20,000 tasks that each run for 200 ms. Where does the overhead come from, and how do you keep the scheduler from becoming the bottleneck?",
      "How long should a task wait for a slot on the node that holds its data before running elsewhere?",
      "One task of a stage runs ten times slower than its siblings. What does the scheduler do?",
      "An executor dies halfway through a stage whose shuffle output it held. What must be rerun?",
      "How do two users with a big ETL job and a small interactive query share the cluster fairly?",
    ],
    hints: [
      "Separate the job-level view (stages and their dependencies) from the task-level view (slots on executors).",
      "Data locality, speculative execution and fair-share pools are the usual levers.",
      "Think about what state lives in the driver and what is lost if it dies.",
    ],
    goodAnswerL4:
      "Splits the work into a stage planner that releases a stage once its parents finish and a task scheduler that hands tasks to free executor slots reported by heartbeats. Prefers data-local slots with a short wait before falling back, retries failed tasks a few times, and uses FIFO or fair pools between jobs. Draws the driver, executors and the heartbeat and task-launch flow clearly.",
    goodAnswerL6:
      "Quantifies scheduling throughput (tens of thousands of task launches per second), batches launches and keeps the scheduler loop lock-free, uses delay scheduling with locality levels, speculative copies triggered by task-duration percentiles, lineage-based recomputation of lost shuffle output or an external shuffle service to avoid it, hierarchical fair pools with minimum shares and preemption for interactive work, dynamic executor allocation, and metrics such as scheduler delay and locality hit rate.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["scheduling", "spark", "data-locality"],
  },
  {
    slug: "collaborative-notebook-service",
    title: "Real-time collaboration on notebooks",
    prompt:
      "Design the service that lets several people edit the same data notebook at once, Google-Docs style: they see each other's cursors, edits merge without conflicts, and cell outputs (tables, charts) produced by one person's run appear for everyone. Notebooks can hold hundreds of cells and outputs of several megabytes. Sketch the clients, the collaboration servers and storage.",
    followUps: [
      "Two people type in the same cell at the same moment. How do their edits merge?",
      "How do you route every editor of one notebook to the same state, and what happens when that server dies?",
      "Where do large outputs go, and how do late joiners get them?",
      "How do you keep a version history users can restore from without storing every keystroke forever?",
    ],
    hints: [
      "Operational transformation and CRDTs are the two families of merge techniques.",
      "Text edits and cell outputs have very different sizes and rates; they need not travel the same way.",
    ],
    goodAnswerL4:
      "Keeps one document per notebook merged with a CRDT or OT, connects clients over WebSockets to a collaboration server that owns the document, broadcasts updates and presence, persists snapshots plus an update log to a database, and stores outputs in object storage referenced from the document. Reconnecting clients sync from the last snapshot.",
    goodAnswerL6:
      "Routes notebooks to servers by consistent hashing with a lease so exactly one server owns a live document, handles failover by reloading snapshot plus log, compacts the update log periodically, separates presence (ephemeral) from content (durable), streams outputs from object storage with size caps, applies permissions per notebook on connect and per update, defines history as periodic checkpoints with named versions, and sizes connections per server and memory per live document.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["realtime", "crdt", "collaboration"],
  },
  {
    slug: "table-format-commit-protocol",
    title: "ACID commits for tables on object storage",
    prompt:
      "Many engines write to the same analytical tables, which are just Parquet files in an object store that offers no transactions and no rename. Design a commit protocol and metadata layout so that writers get atomic commits, readers see consistent snapshots and can read older versions, and concurrent writers do not corrupt each other. Expect thousands of commits a day on a busy table with millions of files.",
    followUps: [
      "Two writers both try to create version 101. How does exactly one win, and what does the loser do?",
      "A reader must list the current set of files. How do you keep that fast after a million commits?",
      "When can a concurrent append and a concurrent delete both succeed, and when must one retry?",
      "How and when are files that no version references any more deleted?",
      "What changes if the object store has no put-if-absent operation?",
    ],
    hints: [
      "Think of the table as an ordered log of commit files, each listing files added and removed.",
      "Mutual exclusion on the next log entry is the heart of the problem; where can you get it?",
      "Periodic checkpoints summarise the log so readers do not replay it all.",
    ],
    goodAnswerL4:
      "Describes a transaction log of numbered JSON commit files recording added and removed data files, with data files written first and the commit made visible by creating the next log entry atomically. Readers replay the log to a version to get a snapshot, which also gives time travel. Conflicting writers detect that the version exists and retry.",
    goodAnswerL6:
      "Uses put-if-absent (or an external coordination service with a lock table where the store lacks it) for the next log entry, optimistic concurrency with conflict checks on the files and partitions each transaction read, periodic Parquet checkpoints plus a last-checkpoint pointer, snapshot isolation with an optional serialisable level, vacuum driven by retention windows that respects long-running readers, file statistics in the log for data skipping, and estimates of log size, checkpoint frequency and commit throughput limits on a hot table.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["storage", "transactions", "lakehouse"],
  },
  {
    slug: "secrets-manager",
    title: "A secrets manager for jobs and services",
    prompt:
      "Design a service that stores credentials (database passwords, API tokens, cloud keys) and hands them to jobs and services at run time, so no secret sits in code or notebooks. Tens of thousands of jobs start per hour and each reads a few secrets on start-up. Secrets must be encrypted at rest, access must be audited, and the service must not become a single point of failure for every job.",
    followUps: [
      "How is a secret encrypted, and where does the key that protects it live?",
      "How does a job prove who it is before it gets a secret?",
      "A secret is rotated. How do running jobs pick up the new value without an outage?",
      "The service is down for ten minutes. Which jobs fail, and how would you limit that?",
      "How do you keep secrets out of job logs and notebook outputs?",
    ],
    hints: [
      "Envelope encryption: data keys encrypt secrets, a master key in a key-management service encrypts the data keys.",
      "Workload identity beats long-lived bootstrap tokens.",
    ],
    goodAnswerL4:
      "Stores secrets encrypted with per-scope data keys wrapped by a master key in a KMS, exposes a read API authorised by scope-level permissions, authenticates jobs with short-lived tokens issued at launch, writes every access to an audit log, replicates the store for availability and lets clients cache values briefly.",
    goodAnswerL6:
      "Designs envelope encryption with key rotation and re-wrapping, workload identity federated with the cloud provider, versioned secrets with overlapping validity for rotation, a highly available read path with regional replicas and bounded client caching, redaction of known secret values in logs and outputs, break-glass access, tamper-evident audit trail, and a threat model covering a compromised node or insider.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["security", "encryption", "availability"],
  },
  {
    slug: "feature-flag-service",
    title: "Feature flags for a web product",
    prompt:
      "Design a feature-flag service: engineers create flags in a console, turn them on for a percentage of users, specific workspaces or regions, and the product's servers evaluate flags on every request. About 500 servers handle 50,000 requests per second combined and a flag change should take effect within a few seconds.",
    followUps: [
      "Should servers call the flag service per request or evaluate locally? What are the consequences of each?",
      "How do you make sure the same user consistently lands in the same 10% bucket?",
      "What does a server do if it cannot reach the flag service when it starts?",
      "Someone flips a flag that takes the site down. How do you find and undo it quickly?",
    ],
    hints: [
      "Flags change rarely but are read constantly.",
      "Hashing the user id with the flag name gives a stable bucket.",
    ],
    goodAnswerL4:
      "Stores flag definitions and rules in a database behind an admin API, pushes or lets servers poll a full snapshot every few seconds, evaluates rules locally in an SDK using a hash of flag name and user id for percentage rollouts, falls back to a default value or the last cached snapshot when the service is unreachable, and keeps a change history.",
    goodAnswerL6:
      "Adds streaming updates with versioned snapshots, a CDN or cache tier so 500 servers starting at once do not stampede, audit log and approvals for risky flags, kill switches, linking flag changes to deploy and incident timelines, flag lifecycle clean-up, and experiment integration with exposure logging.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["configuration", "caching", "rollouts"],
  },
  {
    slug: "distributed-cron-service",
    title: "A distributed cron service",
    prompt:
      "Design a service where users register recurring jobs with cron expressions (for example every 15 minutes or 2 AM daily in their time zone) and the service triggers each run on time. There are 2 million schedules; many fire at the top of the hour. Each run should be triggered exactly once even if machines fail.",
    followUps: [
      "How do you find the schedules due in the next minute without scanning all 2 million?",
      "What happens if the trigger node dies right after starting a run but before recording it?",
      "Half a million jobs are due at midnight UTC. What happens downstream, and how would you smooth it?",
      "How do you handle daylight-saving changes for a job set to 2:30 AM local time?",
    ],
    hints: [
      "Store each schedule's next fire time and index on it.",
      "Exactly once usually means at least once plus an idempotency key per scheduled instant.",
    ],
    goodAnswerL4:
      "Keeps schedules in a database with a next-fire-time column, has worker nodes claim due rows in small batches with a lease, enqueues a run keyed by schedule id plus scheduled time so duplicates are rejected, advances the next fire time, and partitions schedules across workers for scale.",
    goodAnswerL6:
      "Uses time-bucketed partitions or a timing wheel for due lookups, lease-based ownership of partitions with fencing tokens, idempotent run creation, catch-up policy after outages (skip or backfill, configurable), jitter and rate limits to absorb top-of-hour spikes, correct time-zone and DST semantics, and monitoring of trigger lag per partition.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["scheduling", "idempotency", "time"],
  },
  {
    slug: "model-artifact-distribution",
    title: "Distributing model weights to thousands of nodes",
    prompt:
      "Model servers and training jobs download model artefacts from a registry at start-up; artefacts range from 100 MB to 150 GB. When a new version of a popular large model is released, 2,000 GPU nodes may need it within minutes, and today they all hit the object store at once and start slowly. Design an artefact cache and distribution system.",
    followUps: [
      "How long does it take to copy 150 GB to 2,000 nodes from a single source, and how do you beat that?",
      "How do you know a node has the exact bytes of the version it asked for?",
      "A cache node holding part of the data fails halfway through a distribution wave. What happens?",
      "How do you decide which artefacts to keep on local disk?",
    ],
    hints: [
      "Split artefacts into content-addressed chunks.",
      "Peer-to-peer or tree-shaped distribution removes the single source bottleneck.",
      "Pre-staging before a rollout is often better than pulling on demand.",
    ],
    goodAnswerL4:
      "Places a regional cache tier in front of the object store, splits artefacts into chunks with checksums, downloads chunks in parallel, keeps an LRU cache on node disks, and pre-fetches new versions to nodes that will need them before traffic shifts.",
    goodAnswerL6:
      "Estimates bandwidth (150 GB at 25 Gbit/s is about a minute per copy, so fan-out matters), uses content-addressed chunks with deduplication across versions, peer-to-peer or rack-aware tree distribution with a tracker, integrity verification against a signed manifest, lazy loading of weights for faster first response, eviction based on deployment plans, and cost of cross-region egress.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["caching", "content-distribution", "mlops"],
  },
  {
    slug: "compliance-audit-log",
    title: "A tamper-evident audit log",
    prompt:
      "Design an audit log for a data platform that records every security-relevant action: logins, permission changes, table reads, secret accesses. Expect 200,000 events per second at peak from hundreds of services. Customers must be able to query their events for a year, export them to their own storage, and trust that no event was lost or altered.",
    followUps: [
      "A service crashes right after performing an action. How do you guarantee its audit event was not lost?",
      "How would you prove to an auditor that no event was deleted or changed?",
      "What schema do events need so that different services' events can be queried together?",
      "How do you handle a customer asking to delete personal data that appears in audit events?",
    ],
    hints: [
      "Decide whether the audit write is part of the action or happens after it.",
      "Hash chaining or signed batches make tampering detectable.",
    ],
    goodAnswerL4:
      "Has services emit events with a common schema to a durable, replicated queue, writes them into append-only time-partitioned tables per customer, offers a query API and scheduled exports, and uses an outbox or write-before-acknowledge pattern so actions are not left unaudited.",
    goodAnswerL6:
      "Defines the delivery guarantee per action class (synchronous for permission changes, buffered for reads), uses transactional outbox with idempotent ingestion and deduplication by event id, builds hash chains or Merkle roots per batch published to a separate store, applies write-once retention, handles schema evolution through a registry, offers per-tenant delivery to customer buckets with completeness markers, and addresses privacy through pseudonymised identifiers.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["audit", "security", "data-integrity"],
  },
  {
    slug: "sql-query-result-cache",
    title: "A result cache for a SQL warehouse",
    prompt:
      "Dashboards send the same SQL queries to a data warehouse again and again, often every minute, and each run costs seconds of compute. Design a query result cache that returns stored results when they are still correct, across many warehouse clusters serving the same tables. Tables change through batch and streaming writes.",
    followUps: [
      "How do you decide that two queries are the same query?",
      "How do you know a cached result is still valid after some tables it read were written to?",
      "Queries with now() or random() in them: what do you do?",
      "Results can be gigabytes. Where are they stored and how are they evicted?",
      "A user lost access to a table yesterday. Could your cache leak its data to them?",
    ],
    hints: [
      "Key the cache on a normalised plan plus the versions of every table read.",
      "Table formats with version numbers make invalidation cheap.",
    ],
    goodAnswerL4:
      "Normalises the query text or uses the logical plan as a key together with the snapshot versions of the tables read, stores small results in a shared in-memory cache and large ones in object storage, checks current table versions before serving, skips non-deterministic queries and applies a size-based LRU with TTL.",
    goodAnswerL6:
      "Uses a canonicalised plan fingerprint with table versions and user security context (row filters, column masks) in the key, re-checks permissions on every hit, tiers local, shared and object-storage caches, considers partial reuse and incremental refresh for append-only tables, measures hit rate and compute saved against storage cost, and handles streaming tables where versions change every few seconds.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["caching", "sql", "invalidation"],
  },
  {
    slug: "webhook-delivery-service",
    title: "Reliable webhook delivery",
    prompt:
      "When a job finishes or fails, customers want an HTTP callback (a webhook) to their own endpoint. Design the delivery service: about 5,000 events per second, customer endpoints that are slow, flaky or down for hours, and customers who need to verify that a call really came from us.",
    followUps: [
      "A customer endpoint is down for six hours. What happens to its events, and to everybody else's?",
      "Do you guarantee ordering of events for the same job? What does it cost?",
      "How does the customer verify the request and avoid processing a duplicate?",
      "How would you let customers see and replay failed deliveries?",
    ],
    hints: [
      "Retries with exponential backoff need a durable place to wait.",
      "Isolate endpoints so one slow customer does not block the shared workers.",
    ],
    goodAnswerL4:
      "Writes events to a durable queue, has workers POST them with a timeout, retries with exponential backoff and jitter up to a limit, moves exhausted events to a dead-letter store visible to the customer, signs payloads with a per-customer secret (HMAC) and includes an event id for deduplication.",
    goodAnswerL6:
      "Partitions work per endpoint with concurrency caps and circuit breakers so failing endpoints are parked, not retried hot; separates retry scheduling from delivery workers; explains at-least-once semantics with idempotency keys and optional per-key ordering; blocks requests to internal network addresses; exposes delivery logs, replay and endpoint health; and sizes workers from latency percentiles of customer endpoints.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["queues", "retries", "reliability"],
  },
  {
    slug: "lakehouse-permissions-service",
    title: "Fine-grained permissions for a lakehouse catalog",
    prompt:
      "Design the authorisation service behind a data catalog that governs catalogs, schemas, tables, columns and rows for thousands of workspaces. Every query from every engine asks it what the user may read, so checks must add only a few milliseconds. Grants are inherited down the hierarchy, given to groups that nest, and can mask columns or filter rows.",
    followUps: [
      "A user belongs to groups nested five deep. How do you evaluate access quickly?",
      "An admin revokes a grant. How soon must running and new queries respect it, and how do you achieve that?",
      "How do engines you do not fully trust enforce row filters and column masks?",
      "The service is unavailable. Do queries fail open or closed, and how do you make that rare?",
      "How would you answer the question of who can read this column, for an auditor?",
    ],
    hints: [
      "Separate the policy store from the decision point that engines call.",
      "Precomputing group membership closures trades write cost for read speed.",
      "Caches need a clear staleness bound that security is comfortable with.",
    ],
    goodAnswerL4:
      "Stores securables, grants and group memberships in a relational store, exposes a check API returning allowed actions plus any row filter and column mask, caches decisions in engines with a short TTL, resolves inheritance by walking up the object hierarchy and group membership by precomputed closures, and fails closed.",
    goodAnswerL6:
      "Designs a policy decision service that returns a compiled policy per query (allowed objects, filter expressions, masks) for the engine to inject into the plan, version-stamped so caches invalidate on change with a bounded staleness, materialised group closures updated incrementally, enforcement only in trusted compute with credential vending of short-lived scoped storage tokens, regional replicas with fail-closed behaviour, reverse indexes for audit queries, and latency and QPS estimates for checks.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["authorization", "governance", "caching"],
  },
  {
    slug: "compute-cost-attribution",
    title: "Attributing cloud cost to teams and jobs",
    prompt:
      "A company runs thousands of clusters, jobs, SQL warehouses and model endpoints, shared by hundreds of teams. Finance wants a daily report of cost per team, project and job, and engineers want to see within an hour what a job run cost. Design the pipeline that collects usage, prices it and attributes it, including shared resources.",
    followUps: [
      "How do you split the cost of a cluster that five users' notebooks share?",
      "Usage records arrive late or twice. How does the pipeline stay correct?",
      "Prices change mid-month and a discount is applied retroactively. What do you recompute?",
      "How would you alert a team that its spend tripled overnight?",
    ],
    hints: [
      "Collect usage (what ran, for how long, with which tags) separately from prices.",
      "Tags set at resource creation are the usual attribution key; decide what happens when they are missing.",
    ],
    goodAnswerL4:
      "Emits usage records per resource per minute with tags (team, project, job id), ingests them into a table, joins with a price list by SKU and time, aggregates per tag into daily and hourly tables, and serves dashboards. Assigns untagged usage to an owner by default and deduplicates records by id.",
    goodAnswerL6:
      "Builds an idempotent, replayable pipeline with event-time windows and late-data handling, keeps prices as slowly changing dimensions so history can be re-priced, apportions shared clusters by measured task time or CPU-seconds per user, enforces tagging through policies at creation, reconciles with the cloud bill, adds budgets and anomaly alerts, and explains the trade-off between attribution precision and collection cost.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["data-pipelines", "finops", "aggregation"],
  },
  {
    slug: "cluster-autoscaler",
    title: "An autoscaler for data-processing clusters",
    prompt:
      "Design the autoscaler that grows and shrinks a data-processing cluster between a minimum and maximum number of workers while jobs run. Adding a VM takes 1 to 3 minutes, workloads are bursty, and idle machines cost money. Describe which signals you use, the decision logic and how nodes are safely removed.",
    followUps: [
      "Which signal tells you to scale up: CPU, pending tasks, something else? Why?",
      "How do you remove a worker that holds shuffle files or cached data other tasks still need?",
      "The cloud provider has no capacity for your instance type. What does the autoscaler do?",
      "How do you stop the cluster oscillating between sizes?",
      "How would you keep start-up below 30 seconds despite slow VM provisioning?",
    ],
    hints: [
      "Backlog of pending work is a more direct signal than utilisation.",
      "Scale up fast and down slowly; graceful decommissioning matters.",
    ],
    goodAnswerL4:
      "Uses pending tasks and their expected duration to compute needed workers, scales up in steps bounded by the maximum, scales down after a cool-down when workers are idle, drains workers before removing them, and falls back to other instance types or zones when capacity is missing.",
    goodAnswerL6:
      "Models demand from backlog and task runtimes, accounts for provisioning delay with warm pools of pre-started instances, decommissions gracefully by migrating shuffle and cache blocks or relying on remote shuffle storage, mixes on-demand and spot with diversification and handling of reclaim notices, adds hysteresis and rate limits, and measures cost against job latency so users can choose a policy.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["autoscaling", "cost", "control-loops"],
  },
  {
    slug: "workflow-orchestrator",
    title: "An orchestrator for multi-task data workflows",
    prompt:
      "Design a workflow service where users define pipelines as directed acyclic graphs of tasks (ingest, transform, train, publish), triggered on a schedule or when new data lands. There are 100,000 workflow runs a day with up to 200 tasks each. Tasks can fail and be retried, and users want to repair a failed run by rerunning only what failed.",
    followUps: [
      "Where does the state of a running workflow live, and what happens if the orchestrator restarts?",
      "How do you pass small values and large datasets between tasks?",
      "A task's retry runs while the first attempt is, in fact, still alive. How do you prevent double effects?",
      "How do you let a downstream workflow start as soon as an upstream table is updated?",
    ],
    hints: [
      "Treat each run as a state machine persisted in a database.",
      "The orchestrator decides what should run; separate workers run it.",
    ],
    goodAnswerL4:
      "Stores workflow definitions and run and task states in a database, has a scheduler loop that starts tasks whose dependencies succeeded, dispatches them to a queue consumed by workers, records attempts with retries and timeouts, supports repair runs that reset only failed and downstream tasks, and shows run graphs in a UI.",
    goodAnswerL6:
      "Designs an event-driven state machine sharded by run id with optimistic updates, task attempts with fencing so stale attempts cannot commit, idempotent task contracts, data-aware triggers from table commit notifications, concurrency limits and priorities across tenants, parameter passing via small values plus references to tables, lineage capture, and quantifies state transitions per second to size the store.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["orchestration", "state-machines", "dags"],
  },
  {
    slug: "multi-region-control-plane",
    title: "A control plane spanning many cloud regions",
    prompt:
      "A data platform runs in 40 cloud regions across three cloud providers. Its control plane stores workspaces, users, clusters, jobs and permissions and serves the web app and APIs. Design how the control plane is laid out across regions so that a regional outage affects only that region, global entities like user accounts work everywhere, and data residency rules are respected.",
    followUps: [
      "Which data must be global, which strictly regional, and how do you decide?",
      "A user renames their account in one region while another region is partitioned away. What happens?",
      "How do you deploy a schema change to 40 regional databases safely?",
      "How do you keep a bad configuration push from taking down every region at once?",
      "What does moving a customer workspace to another region involve?",
    ],
    hints: [
      "Cell-based architecture limits the blast radius of failures and deploys.",
      "Keep global state small and mostly read; replicate it outwards.",
    ],
    goodAnswerL4:
      "Runs an independent copy of the control-plane services and database per region, routes requests by workspace to its home region, keeps a small global service for accounts and identity replicated to regions as read caches, and deploys changes region by region.",
    goodAnswerL6:
      "Designs cells within regions with a thin global routing layer, a globally consistent store only for identity and account metadata with asynchronous read replicas and explicit staleness, regional data never leaving its region for residency, progressive staged rollouts with automated health gates and configuration treated like code, per-cell failover, workspace migration as a long-running, resumable workflow, and a cost and operations model for 40 regions times many services.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["multi-region", "cell-architecture", "control-plane"],
  },
  {
    slug: "resumable-file-upload-ingest",
    title: "Uploading files into tables",
    prompt:
      "Users want to drag a CSV or JSON file of up to 5 GB into the browser and get a queryable table a few minutes later. Design the upload and ingestion path: the browser, an upload service, storage, and the job that parses the file into a table. Assume a few thousand uploads per day.",
    followUps: [
      "The user's connection drops at 3 GB. What happens when they retry?",
      "How do you show the user a preview and an inferred schema before the full ingest?",
      "A file has some malformed rows. Do you fail the whole ingest?",
      "Why should the file bytes avoid passing through your application servers?",
    ],
    hints: [
      "Multipart uploads with pre-signed URLs let the browser write directly to object storage.",
      "Parsing is a background job; the user needs a status they can poll.",
    ],
    goodAnswerL4:
      "Has the browser request pre-signed multipart upload URLs, upload parts directly to object storage with retries of failed parts, tells the service when done, which queues an ingest job that infers the schema, parses and writes a table, and records status the UI polls. Bad rows are counted and written to a rejects file.",
    goodAnswerL6:
      "Adds explicit limits (size, file types), malware and content checks, idempotent completion, a sampled preview from the first megabytes, schema-inference pitfalls (types, encodings, headers, delimiters), lifecycle rules that clean up abandoned parts, per-user quotas and clear error reporting, and says what would change at a hundred times the volume.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["uploads", "object-storage", "ingestion"],
  },
  {
    slug: "live-job-progress-updates",
    title: "Live progress for running jobs in the browser",
    prompt:
      "Users watching a job in the web app want its progress (stages done, rows processed, current status) to update live, without refreshing. At peak 100,000 browser tabs are open on job pages, and about 20,000 jobs are running and reporting progress every second. Design how progress gets from running jobs to the screen.",
    followUps: [
      "Polling, long-polling, server-sent events or WebSockets: which and why?",
      "How does an update from a job reach exactly the servers holding tabs that watch that job?",
      "A tab reconnects after its laptop slept for an hour. What does it receive?",
      "How do you avoid sending 100 updates a second to a tab that can render only a few?",
    ],
    hints: [
      "Separate the latest-state store from the fan-out of change notifications.",
      "A publish/subscribe channel per job is a natural unit.",
    ],
    goodAnswerL4:
      "Has jobs report progress to an ingestion service that writes the latest state to a fast store and publishes a message on a per-job channel; browser tabs connect over server-sent events or WebSockets to gateway servers that subscribe to the channels of the jobs they show and push updates, sending the full latest state on (re)connect.",
    goodAnswerL6:
      "Sizes connections per gateway and message rates, coalesces updates per job to a few per second, routes subscriptions through a pub/sub layer sharded by job id, handles gateway restarts with reconnect backoff and full-state resync, authorises subscriptions per job, degrades to polling when push fails, and monitors end-to-end update latency.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["realtime", "pub-sub", "websockets"],
  },
  {
    slug: "lakehouse-disaster-recovery",
    title: "Disaster recovery for a lakehouse across regions",
    prompt:
      "A bank keeps petabytes of tables, their catalog metadata, jobs and ML models in one cloud region. Regulators require that it can resume critical workloads in a second region within 4 hours of losing the first, losing at most 15 minutes of data. Design the replication and failover approach for storage, metadata and compute.",
    followUps: [
      "How do you replicate tables so the copy in the second region is a consistent snapshot rather than a mix of files from different commits?",
      "Which costs does this add, and how would you reduce them for data that is not critical?",
      "How do you test failover without disrupting production?",
      "After failing over, how do you fail back?",
      "How do jobs that write to external systems avoid running twice around the failover?",
    ],
    hints: [
      "Decide per data class what recovery point and recovery time it needs.",
      "Data files and the transaction log must be replicated in an order that keeps the copy consistent.",
    ],
    goodAnswerL4:
      "Replicates object storage to the second region, replicates catalog metadata and job definitions, keeps compute definitions as code so clusters can be recreated, classifies data into critical and non-critical, and documents a failover runbook with DNS or routing switchover and regular drills.",
    goodAnswerL6:
      "Designs table-aware replication that copies data files first and commit log entries after, so the replica is always at a consistent version, with lag monitoring against the 15-minute objective; replicates metadata with versions tied to table versions; keeps warm standby for critical workloads and cold for the rest; plans identity, secrets and network readiness; fences the old primary; handles idempotency of external side effects; schedules regular game days; and puts numbers on replication bandwidth and standby cost.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["disaster-recovery", "replication", "multi-region"],
  },
  {
    slug: "distributed-lock-lease-service",
    title: "A lock and lease service for coordination",
    prompt:
      "Many internal services need leader election, exclusive locks on resources and small pieces of strongly consistent configuration. Design a coordination service that offers these primitives with high availability, serving thousands of clients and tens of thousands of lock operations per second. Explain what guarantees clients get and what they must still do themselves.",
    followUps: [
      "A client holding a lock pauses for 30 seconds in garbage collection and then writes to storage. What goes wrong and how do you prevent it?",
      "How many replicas do you run and what happens when one, two or three fail?",
      "How do clients learn that a lock they wait for was released without polling?",
      "Why is this service usually kept small, and what should not be stored in it?",
    ],
    hints: [
      "A consensus protocol such as Raft or Paxos underlies the replicated state.",
      "Leases expire; fencing tokens protect the resource from stale holders.",
    ],
    goodAnswerL4:
      "Replicates state across an odd number of nodes with a leader elected by consensus, grants locks as leases with expiry that clients renew, notifies waiters through watches, and explains that a majority must be up to make progress.",
    goodAnswerL6:
      "Explains consensus-based log replication with five replicas tolerating two failures, linearisable writes and options for reads, sessions with heartbeats, monotonically increasing fencing tokens checked by the protected resource, watch semantics and thundering-herd avoidance, client library behaviour on session loss, limits on data size and request rates to keep the core small, and multi-region trade-offs in latency.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["consensus", "coordination", "consistency"],
  },
  {
    slug: "cdc-into-lakehouse",
    title: "Change data capture from databases into the lakehouse",
    prompt:
      "A company has 300 operational databases (PostgreSQL and MySQL) and wants their tables mirrored into lakehouse tables within 5 minutes of each change, for analytics and ML features. Design the capture, transport and apply pipeline, including the initial load and schema changes.",
    followUps: [
      "How do you take an initial snapshot of a 2 TB table and switch to streaming changes without missing or duplicating rows?",
      "Updates and deletes arrive as events. How do you apply them efficiently to columnar files?",
      "A source team adds a column or changes a type. What happens downstream?",
      "The pipeline is down for a day. How does it catch up, and what does the source database suffer meanwhile?",
    ],
    hints: [
      "Databases' replication logs (write-ahead log, binlog) are the usual source of changes.",
      "A log position recorded with the snapshot ties the two phases together.",
    ],
    goodAnswerL4:
      "Reads each database's replication log with a connector that publishes row changes to a partitioned durable queue keyed by primary key, takes an initial snapshot while recording the log position, applies changes to lakehouse tables with periodic MERGE operations in micro-batches, and handles added columns by evolving the target schema.",
    goodAnswerL6:
      "Coordinates snapshot and log positions for exactly-once results, orders changes per key, compacts a micro-batch to the last change per key before merging, chooses merge-on-read or copy-on-write by update rate, tracks replication slot retention so the source's disk does not fill, uses a schema registry with rules for compatible and breaking changes, monitors lag per table, and estimates throughput per connector and merge cost.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["cdc", "streaming", "lakehouse"],
  },
];
