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
