import type { QuestionDefinition } from "../question-types";

// The ml-system-design round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const mlSystemDesign: QuestionDefinition[] = [
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
