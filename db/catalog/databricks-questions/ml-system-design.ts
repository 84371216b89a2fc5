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
      "A model in production is found to have been trained on a corrupted table. How do you find every model affected?",
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
      "Where does your 150 ms go? Mark the budget on each box of your diagram.",
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
      "Monitoring must cover dozens of models owned by different teams. What does a team configure, and what is automatic?",
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
      "A new GPU generation halves cost per token but needs a different serving engine. How do you migrate without disrupting products?",
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
  {
    slug: "ads-ctr-prediction",
    title: "Click-through prediction for ads",
    prompt:
      "Design the system that predicts the probability a user clicks an ad, used to rank ads in an auction. There are 200,000 ad requests per second at peak, each scoring about 500 candidate ads within 30 ms, and billions of impressions a day become training data. Advertisers and campaigns change constantly. Draw the data flow from impression logging through training to online scoring.",
    followUps: [
      "Why does calibration matter more here than in a pure ranking problem, and how do you check it?",
      "Clicks arrive seconds to minutes after impressions. How do you build labels, and how long do you wait?",
      "How do you handle a campaign launched an hour ago with no history?",
      "How often do you retrain, and what does a model that is a day old lose?",
      "How do you score 500 candidates in 30 ms?",
    ],
    hints: [
      "The predicted probability is multiplied by a bid, so its absolute value matters.",
      "Sparse categorical features with hashing or embeddings dominate these models.",
      "Consider continuous or frequent incremental training.",
    ],
    goodAnswerL4:
      "Logs impressions with a request id and the features used, joins clicks within an attribution window to label them, trains a model on sparse features such as user, ad, advertiser and context with embeddings or hashing, retrains daily, serves it behind a low-latency scoring service with features from an online store, checks calibration and log loss, and uses advertiser-level priors for new ads.",
    goodAnswerL6:
      "Logs features at serving time to avoid skew, handles delayed feedback with a waiting window or correction, trains incrementally every few minutes to hours with warm starts, corrects for downsampling of negatives when calibrating, batches candidates per request on CPU or GPU within the latency budget, adds exploration for new ads, monitors calibration per segment and revenue guardrails, and runs online experiments tied to auction metrics.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["ads", "ctr", "online-learning"],
  },
  {
    slug: "marketplace-search-ranking",
    title: "Ranking search results in a data marketplace",
    prompt:
      "Users of a data marketplace type queries such as 'daily weather by zip code' and get a list of datasets, notebooks and models. There are 2 million listings and 5 million searches a day, and results must appear in 200 ms. Design the retrieval and learning-to-rank system and explain how you will know a new ranker is better.",
    followUps: [
      "Where do your training labels come from, and how does position bias distort them?",
      "How do you combine keyword matching with semantic matching?",
      "Which features would you compute per listing offline, and which per query online?",
      "A provider stuffs keywords into listings to rank higher. How do you notice and respond?",
    ],
    hints: [
      "Retrieve a few hundred candidates cheaply, then rank them with a richer model.",
      "Clicks, downloads and subscriptions are implicit signals of different strength.",
    ],
    goodAnswerL4:
      "Builds a keyword index and an embedding index for candidate retrieval, merges their candidates, ranks the top few hundred with a gradient-boosted or neural model using query-listing match, popularity, freshness and quality features, trains on clicks and downloads from logs, and evaluates with offline ranking metrics such as NDCG followed by an A/B test.",
    goodAnswerL6:
      "Adds position-bias correction (randomised interleaving or inverse propensity weighting), a graded label scheme from engagement strength, hybrid retrieval with learned fusion, query understanding (intent, entities), feature logging at serving time, latency budgets per stage, spam and quality signals, interleaving experiments for sensitivity, and an evaluation set judged by humans for head queries.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["search", "ranking", "learning-to-rank"],
  },
  {
    slug: "metric-anomaly-detection",
    title: "Anomaly detection on business and system metrics",
    prompt:
      "A company tracks about 50,000 time series (revenue per country, sign-ups per channel, job failure rates per region) at hourly or minute resolution. Design a system that flags unusual behaviour so owners learn about it before a weekly review would. Start simple; tell me what you would build first.",
    followUps: [
      "How do you avoid alerting every Monday morning because traffic always rises then?",
      "How do you pick thresholds when you have no labelled anomalies?",
      "Fifty related series fire at the same time. How should that reach a human?",
      "How do owners give feedback, and how does the system use it?",
    ],
    hints: [
      "Seasonality and trend should be modelled before judging a residual.",
      "A precision target (alerts people act on) is a practical way to tune.",
    ],
    goodAnswerL4:
      "Reads metric tables on a schedule, fits a simple per-series model such as seasonal decomposition or a rolling baseline by hour-of-week, flags points outside a band of a few standard deviations, suppresses repeats, and sends alerts with a chart to the series owner. Starts with the most important series and tunes thresholds from owner feedback.",
    goodAnswerL6:
      "Scales to 50,000 series with batched model fitting in a distributed job, handles holidays and level shifts, groups correlated anomalies by dimension hierarchy to find the root slice, keeps alert precision measurable through feedback buttons, treats missing or late data as its own signal, and weighs simple statistical models against learned ones on maintenance cost.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["anomaly-detection", "time-series", "alerting"],
  },
  {
    slug: "labelling-active-learning-pipeline",
    title: "A labelling pipeline with active learning",
    prompt:
      "A team needs labelled examples to classify support tickets into 40 categories; only 5,000 are labelled out of millions, and they have budget for 50 human labellers part-time. Design the labelling pipeline: which examples get labelled, how labellers work, how quality is controlled, and how labels flow into training.",
    followUps: [
      "How do you choose which unlabelled tickets to send to labellers next?",
      "Two labellers disagree on 20% of tickets. What do you do with that?",
      "How do you know the category definitions themselves are the problem?",
      "How do you stop a labeller's shortcut or mistake from spreading into the model?",
      "When do you stop labelling?",
    ],
    hints: [
      "Uncertainty and diversity sampling are the usual active learning strategies.",
      "Gold questions with known answers measure labeller quality.",
    ],
    goodAnswerL4:
      "Trains an initial model on the 5,000 labels, scores the unlabelled pool, sends the most uncertain tickets to a labelling tool with clear guidelines, has a share labelled twice to measure agreement, mixes in gold examples, stores labels with labeller id and version in a table, and retrains on a schedule, tracking accuracy against a fixed held-out set.",
    goodAnswerL6:
      "Combines uncertainty with diversity and class-balance sampling, uses model-assisted pre-labelling with care about anchoring bias, resolves disagreements with adjudication and label models, revisits the taxonomy when confusion concentrates in category pairs, versions guidelines and labels so training sets are reproducible, measures marginal gain per labelling batch to decide when to stop, and considers LLM-generated weak labels validated by humans.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["labelling", "active-learning", "data-quality"],
  },
  {
    slug: "model-ab-testing-platform",
    title: "An experimentation platform for model changes",
    prompt:
      "Dozens of teams ship model changes (rankers, pricing, fraud thresholds) and want to A/B test them against the current model. Design a platform that assigns traffic, logs exposures, computes metrics with correct statistics and helps teams decide whether to ship. Thousands of experiments may run at the same time on the same users.",
    followUps: [
      "How do you assign users to variants so that concurrent experiments do not interfere?",
      "A team peeks at results daily and stops when significant. What is wrong, and what do you offer instead?",
      "How do you handle a metric like revenue per user with a heavy tail?",
      "The treatment changes the items shown to other users (marketplace effects). What breaks in a user-level test?",
      "How do you detect that the split itself is broken?",
    ],
    hints: [
      "Hash-based assignment with layers allows overlapping experiments.",
      "Sample ratio mismatch checks catch many pipeline bugs.",
      "Variance reduction such as CUPED shortens experiments.",
    ],
    goodAnswerL4:
      "Assigns users by hashing user id with an experiment salt, logs exposure when the model is actually used, computes metrics per variant from event tables in a daily pipeline, reports confidence intervals and p-values, defines guardrail metrics, and warns against stopping early.",
    goodAnswerL6:
      "Designs layers or namespaces for mutually exclusive and orthogonal experiments, exposure logging with triggered analysis, a metric definition layer reused across teams, sequential testing or fixed horizons enforced by the tool, variance reduction with pre-period covariates, sample ratio mismatch checks, heavy-tail handling (winsorising, bootstrap), switchback or cluster randomisation for interference, and a review process and cost model for running thousands of experiments.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["experimentation", "statistics", "platform"],
  },
  {
    slug: "embedding-index-refresh",
    title: "Refreshing a vector index when the embedding model changes",
    prompt:
      "A semantic search product serves queries from a vector index of 1 billion document embeddings. Documents change continuously, and every few months a better embedding model arrives, which changes every vector. Design the indexing pipeline for incremental updates and a migration to a new embedding model without downtime or a drop in quality.",
    followUps: [
      "Why can't you mix vectors from the old and new models in one index?",
      "How long and how much GPU does re-embedding a billion documents take, and how would you estimate it?",
      "How do deletes and updates reach an approximate nearest-neighbour index that prefers bulk builds?",
      "How do you decide the new model is actually better before switching all traffic?",
      "What happens to cached query embeddings during the switch?",
    ],
    hints: [
      "Run the new index side by side with the old one and switch reads once it is complete.",
      "Many ANN indexes pair a large immutable segment with a small mutable one.",
    ],
    goodAnswerL4:
      "Streams document changes into an embedding job that writes vectors to a table and updates the index, handles deletes with tombstones and periodic rebuilds, and for a model change re-embeds everything in a batch job into a new index, dual-writes new changes to both, compares quality on an evaluation set, then switches query traffic and retires the old index.",
    goodAnswerL6:
      "Estimates re-embedding cost (for example a billion documents at about 300 per second per GPU is roughly 900 GPU-hours, more than a day on 32 GPUs), prioritises hot documents, uses segment-based indexes with a mutable delta and compaction, versions the query encoder with the index so they always match, dual-writes with a change-log replay to close the gap, validates with offline recall and an online interleaving test, rolls out gradually with rollback, and weighs index memory and quantisation against recall.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["embeddings", "vector-search", "migration"],
  },
  {
    slug: "subscription-churn-prediction",
    title: "Predicting churn for a subscription product",
    prompt:
      "A subscription business with 2 million customers wants a weekly list of customers likely to cancel in the next 30 days, so a retention team can contact them. Customer data lives in lakehouse tables: subscriptions, usage events, support tickets and payments. Design the pipeline from raw tables to the weekly list and explain how you would measure whether it helps.",
    followUps: [
      "How exactly do you define the label, and how do you avoid leaking the future into the features?",
      "Only 3% of customers churn per month. How does that affect training and evaluation?",
      "The retention team can call only 2,000 people a week. How does that change what you optimise?",
      "Predicting churn is not the same as preventing it. How would you find customers whom a call actually helps?",
    ],
    hints: [
      "Build training rows as of a snapshot date, with features before it and the label after it.",
      "Precision in the top k matters more here than overall accuracy.",
    ],
    goodAnswerL4:
      "Defines churn as cancellation within 30 days after a snapshot date, builds features from data before the snapshot (usage trends, tickets, payment failures), trains a gradient-boosted model on many historical snapshots, evaluates with precision at the team's capacity and AUC on a later time period, runs a weekly batch scoring job writing a ranked table, and monitors score distribution.",
    goodAnswerL6:
      "Uses a time-based split and point-in-time feature tables, addresses class imbalance without breaking calibration, ties the cut-off to team capacity and expected value per save, proposes an uplift model or a holdout group to measure the incremental effect of outreach, tracks drift and retrains on a cadence, and makes the pipeline reproducible with versioned data and model registry.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["churn", "batch-scoring", "classification"],
  },
  {
    slug: "demand-forecasting-at-scale",
    title: "Forecasting demand for millions of series",
    prompt:
      "A retailer needs daily demand forecasts for every product in every store for the next 8 weeks: about 20 million store-item series, many sparse with mostly zero sales. Forecasts feed replenishment orders each morning at 6 AM. Design the data, training and forecasting pipeline and how forecast quality is tracked.",
    followUps: [
      "One model per series, or one global model across series? What are the trade-offs?",
      "How do you forecast an item launched last week, or a store that just opened?",
      "Which error metric do you report for series with many zeros, and why not MAPE?",
      "Promotions and stock-outs distort history. How do you handle them?",
      "The nightly run fails at 4 AM. What happens at 6 AM?",
    ],
    hints: [
      "A global model shares strength across sparse series.",
      "Observed sales are censored when an item was out of stock.",
      "Distributing per-series work with grouped operations is a common Spark pattern.",
    ],
    goodAnswerL4:
      "Builds a daily sales table with calendar, price and promotion features, trains either per-series statistical models in parallel with grouped map operations or a global gradient-boosted model with lag features, backtests on rolling windows, writes forecasts to a table before the deadline, and uses hierarchical fallbacks for new items.",
    goodAnswerL6:
      "Chooses a global model for sparse series with per-segment specialists, produces quantile forecasts because replenishment needs uncertainty, corrects for stock-outs and promotions, evaluates with scaled or weighted error metrics and bias per category, reconciles forecasts across the product and store hierarchy, plans the compute window with a fallback to the previous day's forecast on failure, and monitors accuracy as actuals arrive.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["forecasting", "time-series", "spark"],
  },
  {
    slug: "large-scale-training-platform",
    title: "A platform for multi-week training runs on thousands of GPUs",
    prompt:
      "Researchers train large language models on 2,000 to 8,000 GPUs for several weeks per run. At that size hardware fails every few hours, data loading must keep every GPU busy, and a lost day costs a great deal. Design the training platform: data pipeline, parallelism layout, checkpointing, failure handling and observability.",
    followUps: [
      "How often should you checkpoint, and how do you write a multi-terabyte checkpoint without stalling training for long?",
      "One GPU in 4,000 is silently slower. How do you find it?",
      "How do you resume after a failure so that each training example is seen the expected number of times?",
      "How do data, tensor and pipeline parallelism map onto the network topology?",
      "How would you detect a loss spike, and what do you do when it happens?",
    ],
    hints: [
      "Mean time between failures shrinks with the number of nodes; compute the expected failure rate.",
      "Asynchronous checkpointing to local storage, then to object storage, reduces the pause.",
      "Deterministic, resumable data loaders record their position.",
    ],
    goodAnswerL4:
      "Shards tokenised training data in object storage, streams it with prefetching data loaders, uses data parallelism plus model sharding, checkpoints periodically to object storage, restarts from the last checkpoint on failure with a job supervisor, and monitors loss, throughput and GPU utilisation.",
    goodAnswerL6:
      "Estimates failure rates and sets the checkpoint interval by balancing save cost against expected lost work, uses asynchronous sharded checkpoints, keeps hot spare nodes and automated health checks to exclude bad hardware, lays out tensor parallelism within nodes and pipeline and data parallelism across them, makes data loading deterministic and resumable, detects stragglers and loss spikes with automatic rollback and data skipping, and tracks goodput as the headline metric.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["distributed-training", "gpu", "reliability"],
  },
  {
    slug: "llm-evaluation-pipeline",
    title: "Evaluating LLM applications before release",
    prompt:
      "Several product teams build features on language models: a support assistant, a SQL generator and a document summariser. Each change to a prompt, retrieval step or model version can improve some cases and break others. Design an evaluation pipeline that runs on every change and tells teams whether it is safe to ship.",
    followUps: [
      "Where do your evaluation examples come from, and how do you keep them representative?",
      "When is using a language model as a judge acceptable, and how do you check the judge?",
      "Scores moved by 1%. How do you tell a real change from noise?",
      "How do you evaluate safety issues such as prompt injection or leaking private data?",
      "How do production traces feed back into the evaluation set?",
    ],
    hints: [
      "Some properties can be checked exactly (SQL runs and returns the right rows); others need judgement.",
      "Track results per slice, not only an average.",
    ],
    goodAnswerL4:
      "Keeps a versioned evaluation set per application, runs it in CI on each change, uses exact checks where possible (executing generated SQL and comparing results), uses an LLM judge with a rubric for open-ended outputs, compares to the current production version per metric, and blocks release on regressions beyond a threshold.",
    goodAnswerL6:
      "Builds evaluation sets from sampled and anonymised production traces plus adversarial cases, calibrates LLM judges against human ratings and monitors agreement, reports per-slice results with confidence intervals and repeated sampling for non-determinism, includes cost and latency as metrics, runs red-team suites, traces every step of multi-stage pipelines to locate regressions, and closes the loop with online feedback and a human review budget.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["llm", "evaluation", "ci"],
  },
  {
    slug: "content-moderation-pipeline",
    title: "Moderating user-generated content",
    prompt:
      "A community platform receives 10 million posts a day (text, some with images) and must remove harassment, spam and illegal content, ideally before other users see it. A team of 200 human moderators is available. Design the system that combines models and human review, and show how a post flows through it.",
    followUps: [
      "Which decisions can a model make alone, and which must a human confirm? How do you set those thresholds?",
      "Spammers adapt within days of a model update. How does your system keep up?",
      "How do moderator decisions become training data without inheriting their inconsistencies?",
      "How do you measure how much harmful content you miss, given you never see it?",
      "A post in a language your models handle poorly goes viral. What happens?",
    ],
    hints: [
      "Cheap checks first (hashes of known bad content, rules), expensive models and humans later.",
      "Route by both confidence and potential harm, not confidence alone.",
    ],
    goodAnswerL4:
      "Runs synchronous cheap checks (known-bad hashes, rules, a fast text classifier) at posting time, sends uncertain or high-severity cases to an asynchronous image and text model tier and then a review queue prioritised by predicted harm and reach, acts automatically above high thresholds, logs moderator decisions as labels and retrains regularly.",
    goodAnswerL6:
      "Designs a tiered cascade with latency and cost per tier, thresholds per policy and per language set from precision targets, queue prioritisation by severity times expected views, sampled audits of auto-approved content to estimate prevalence, adversarial monitoring and rapid rule updates, moderator agreement and quality checks, appeals feeding back corrections, and moderator wellbeing and tooling as part of the system.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["moderation", "human-in-the-loop", "classification"],
  },
  {
    slug: "customer-entity-resolution",
    title: "Matching customer records across sources",
    prompt:
      "A company has customer records in its CRM, billing system, support desk and marketing lists: about 300 million records in total, with typos, missing fields and different formats. It wants a single customer table that links records referring to the same person or company, refreshed daily. Design the matching pipeline on the lakehouse.",
    followUps: [
      "Comparing every pair is 10^16 comparisons. How do you avoid that?",
      "How do you turn pairwise match scores into clusters, and what goes wrong with transitive links?",
      "Where do labels for training a matcher come from?",
      "A new record arrives daily. Do you recluster everything, and how do stable customer ids survive reruns?",
    ],
    hints: [
      "Blocking keys narrow comparisons to plausible pairs.",
      "Connected components over match edges can chain unrelated records together.",
    ],
    goodAnswerL4:
      "Standardises fields (names, emails, phones, addresses), generates candidate pairs with blocking keys such as normalised email or phonetic name plus postcode, scores pairs with similarity features and a classifier, links pairs above a threshold, groups them with connected components in Spark and writes a mapping table from source record to customer id.",
    goodAnswerL6:
      "Combines several blocking strategies and measures their recall, trains the matcher from labelled pairs gathered by active learning, clusters with constraints to prevent over-merging through weak chains, keeps identifiers stable across runs by matching new clusters to old ones, processes daily increments rather than full reruns, exposes a review queue for borderline merges, and weighs privacy and right-to-erasure requirements.",
    minLevel: "L5",
    maxLevel: "L6",
    topics: ["entity-resolution", "spark", "data-quality"],
  },
  {
    slug: "batch-inference-platform",
    title: "Nightly batch scoring for many models",
    prompt:
      "Thirty teams each have models (mostly scikit-learn and gradient-boosted trees, a few deep networks) that must score tables of 10 million to 2 billion rows every night and write predictions back to the lakehouse by 7 AM. Today each team writes its own scripts. Design a shared batch inference service.",
    followUps: [
      "How do you load a model once per worker rather than once per row?",
      "How does a job know which model version to use, and how is that recorded with the predictions?",
      "A 2-billion-row job and twenty small ones share a cluster. How are they scheduled to meet 7 AM?",
      "A model's output suddenly shifts tonight. Who finds out, and how?",
    ],
    hints: [
      "Vectorised user-defined functions over batches of rows keep Python overhead low.",
      "Read the model version from the registry at job start and write it next to every prediction.",
    ],
    goodAnswerL4:
      "Offers a configuration where a team names a registered model version, an input table and an output table; runs a distributed job that loads the model once per executor and scores partitions with a vectorised UDF; writes predictions with the model version and run id; schedules jobs with an orchestrator; and alerts on failures and late finishes.",
    goodAnswerL6:
      "Resolves model versions by registry alias at start for reproducibility, handles environment packaging per model, sizes clusters from rows per second per core measured per model, uses GPU pools for deep models, schedules by deadline with priorities, writes outputs idempotently (overwrite by partition), adds incremental scoring of only changed rows, checks prediction distribution against the previous run before publishing, and reports cost per team.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["batch-inference", "spark", "mlops"],
  },
  {
    slug: "ml-platform-consolidation",
    title: "One ML platform for a whole company",
    prompt:
      "A company has 150 ML teams using four different training stacks, two feature stores and a dozen home-grown serving systems. Leadership asks you to define the target ML platform for the next three years and how teams will get there. Design the platform's layers and the migration strategy.",
    followUps: [
      "Which layers must be shared and which can stay team-specific?",
      "How do you migrate a revenue-critical model without risk, and which teams move first?",
      "How do you measure whether the platform is succeeding?",
      "Generative models are arriving in every team. How does the platform change for them?",
      "How do you fund and staff the platform, and what do you stop supporting?",
    ],
    hints: [
      "Think in layers: data and features, training and experiment tracking, registry, serving, monitoring, governance.",
      "Paved roads with escape hatches tend to win over mandates.",
    ],
    goodAnswerL4:
      "Lists the layers and proposes a single choice for each (shared feature store, experiment tracking and registry, standard serving, common monitoring), suggests migrating new projects first, and gives a rough plan by quarter.",
    goodAnswerL6:
      "Defines interfaces between layers so components can be swapped, picks shared foundations (catalog and governance, lineage, registry) where consistency is worth the most, provides templates and automated migration tooling, sequences migrations by value and risk with shadow deployments for critical models, measures adoption, time from idea to production and incidents, plans capacity for LLM workloads (GPU pools, evaluation, prompt and model gateway), and names what is deprecated and when.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["ml-platform", "strategy", "migration"],
  },
  {
    slug: "delivery-eta-prediction",
    title: "Predicting delivery arrival times",
    prompt:
      "A food delivery app shows the customer an estimated arrival time when they order and updates it until the food arrives. There are 3 million orders a day in 500 cities, and the estimate must be returned in under 100 ms. Design the ETA prediction system: data, features, model, serving and how you judge it.",
    followUps: [
      "Which features are known at order time, which arrive later, and how do you use them?",
      "Is being 5 minutes early as bad as being 5 minutes late? How does that shape the loss?",
      "How do you handle a sudden storm that slows every courier in a city?",
      "How do you make sure the features you train on match the ones available at serving time?",
    ],
    hints: [
      "Break the journey into stages: preparation, courier pickup, travel.",
      "Real-time aggregates per restaurant and area capture current conditions.",
    ],
    goodAnswerL4:
      "Logs order events with timestamps per stage, builds features such as restaurant preparation history, distance, time of day and current courier supply, trains a gradient-boosted model on past orders, serves it from a low-latency service with features from an online store, refreshes predictions when the order state changes and measures error percentiles against actual arrival.",
    goodAnswerL6:
      "Models stages separately or jointly with per-stage targets, uses streaming aggregates (recent preparation times, traffic) with defined freshness, chooses an asymmetric loss or quantile prediction reflecting the cost of lateness, logs features at prediction time for training, monitors error by city and hour with drift alerts, guards against feedback loops when ETAs influence dispatch, and A/B tests on customer outcomes such as cancellations.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["regression", "real-time-features", "logistics"],
  },
  {
    slug: "text-to-sql-assistant",
    title: "A natural-language question assistant over lakehouse tables",
    prompt:
      "Business users want to ask questions like 'how did weekly active users change in Germany last quarter?' and get a correct chart, without writing SQL. The company has 20,000 tables, most poorly documented, and strict access rules. Design an assistant that turns questions into queries, runs them safely and earns users' trust.",
    followUps: [
      "How do you choose the few tables and columns to show the model out of 20,000?",
      "How do you make sure the generated query never reads data the user cannot access, or deletes something?",
      "The query runs but answers a subtly different question. How would the user or the system notice?",
      "How would you evaluate this system before launch and keep evaluating it afterwards?",
      "Would you fine-tune a model for this, and when?",
    ],
    hints: [
      "Retrieval over table metadata, popular queries and certified metric definitions narrows the search space.",
      "Run generated queries with the user's own permissions and a read-only role.",
    ],
    goodAnswerL4:
      "Indexes table and column descriptions plus example queries, retrieves the most relevant schemas for each question, prompts a language model to write SQL, validates it with a parser and a dry run, executes it as the user with read-only permissions and limits, shows the SQL and result, and collects thumbs-up or down feedback.",
    goodAnswerL6:
      "Builds a semantic layer of curated metrics and joins the model must prefer, uses usage statistics and lineage to rank tables, enforces permissions in the engine rather than the prompt, adds self-correction on errors, cost and row limits, and explanations of assumptions, evaluates with a benchmark of question-answer pairs by executing both queries and comparing results, monitors production with sampled human review, and weighs fine-tuning a smaller model on verified pairs for cost and latency.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["llm", "text-to-sql", "governance"],
  },
  {
    slug: "query-autocomplete",
    title: "Query autocomplete for a search box",
    prompt:
      "Design the autocomplete behind a product's search box: as the user types, show the top 8 suggested completions within 50 ms of each keystroke. There are 20 million searches a day, and suggestions should reflect popular and trending queries while avoiding offensive ones. Begin with a simple version and then improve it with a learned ranker.",
    followUps: [
      "What data structure serves prefix lookups fast, and how is it built and shipped to servers?",
      "How would you personalise suggestions, and what does that cost in latency?",
      "A query starts trending within an hour. How does it reach the suggestions?",
      "How do you measure whether suggestions are good?",
    ],
    hints: [
      "A trie or sorted prefix table with precomputed top completions per prefix is a strong baseline.",
      "Rank candidates with features such as popularity, recency and the user's history.",
    ],
    goodAnswerL4:
      "Aggregates past queries daily into counts, builds a prefix structure storing the top completions per prefix, loads it into memory on suggestion servers, filters with a blocklist, and tracks the rate at which users pick a suggestion.",
    goodAnswerL6:
      "Adds a streaming path for trending queries with decayed counts merged into a small hot index, a learned ranker over retrieved candidates using popularity, freshness and personal history within the latency budget, fuzzy matching for typos, sharding by prefix, safety filtering with a classifier, and offline metrics (keystrokes saved, mean reciprocal rank) confirmed by an online test.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["search", "ranking", "latency"],
  },
  {
    slug: "visual-defect-detection",
    title: "Spotting defects on a production line",
    prompt:
      "A factory photographs every part leaving a production line (about 20 parts per second across 10 lines) and wants a model to flag defective parts for removal. Defects are rare, less than 1 in 1,000, and there are a few hundred labelled defect images. Design the system from image capture to the flagging decision and model updates.",
    followUps: [
      "With so few defect examples, how do you train a useful model?",
      "Should inference run next to the line or in the cloud? What decides it?",
      "Which is worse here, a missed defect or a wrongly rejected part, and how does that set the threshold?",
      "The factory changes lighting or the part design. How do you notice and adapt?",
    ],
    hints: [
      "Transfer learning from a pretrained vision model and data augmentation help with few labels.",
      "Anomaly detection trained only on good parts is an alternative to a defect classifier.",
    ],
    goodAnswerL4:
      "Stores images with part ids in object storage, fine-tunes a pretrained image model with augmentation and class weighting, chooses the threshold from the cost of misses versus false rejects, runs inference on an edge device per line within the line's timing, sends flagged and sampled images for human review, and retrains with the new labels.",
    goodAnswerL6:
      "Compares supervised classification with anomaly detection on good parts, sizes edge hardware for 20 images per second with headroom, keeps the line running if the model host fails (fail-safe policy agreed with the factory), ships models to devices through a registry with staged rollout, monitors image statistics and reject rates for drift after process changes, and measures recall with periodic manual inspections.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["computer-vision", "edge", "imbalanced-data"],
  },
  {
    slug: "multi-tenant-fine-tuning-service",
    title: "Self-service fine-tuning and serving of many adapters",
    prompt:
      "Customers of a platform want to fine-tune open language models on their own data and serve the results. Expect thousands of customers, each with one or more fine-tuned variants, most receiving little traffic. Design the fine-tuning service and the serving side so that it is cheap, isolates customers' data and keeps latency acceptable.",
    followUps: [
      "Full fine-tuning or low-rank adapters? How does that choice change serving?",
      "How do you serve thousands of adapters on a shared base model, and what is the cost of switching between them?",
      "How do you make sure one customer's data or model never leaks to another?",
      "How does a customer know their fine-tuned model is better than the base model with a good prompt?",
      "A customer's training job diverges after six hours. What do they see and what do you do?",
    ],
    hints: [
      "Adapters are small; base weights are large and shared.",
      "Batching requests for different adapters on one base model is possible.",
    ],
    goodAnswerL4:
      "Provides a training API that takes a dataset and a base model, validates the data, runs parameter-efficient fine-tuning jobs on a GPU pool, stores the adapter in a per-customer registry, and serves adapters on shared base-model replicas that load adapters on demand, with per-customer quotas and access checks.",
    goodAnswerL6:
      "Uses adapters to keep storage and serving cheap, batches requests across adapters on the same base with adapter-aware kernels and caches hot adapters in GPU memory, places customers by traffic with dedicated capacity for heavy ones, isolates data with per-tenant encryption and no cross-tenant training, runs automatic evaluation against the base model on held-out data, surfaces training curves and early stopping, and prices by tokens trained and served.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["llm", "fine-tuning", "multi-tenancy"],
  },
  {
    slug: "multi-model-serving-platform",
    title: "Serving thousands of small models",
    prompt:
      "A platform hosts 5,000 models from many teams: most are small tree or linear models with a few requests per minute, a handful take thousands of requests per second with a 20 ms p99 target. Giving each model its own containers wastes a lot of money. Design a serving platform that handles both ends and lets teams deploy safely.",
    followUps: [
      "How do you pack many rarely used models onto shared servers, and what happens on a cold request?",
      "Two models need conflicting library versions. How do you host them?",
      "How does a deployment roll out a new model version gradually and roll it back?",
      "One team's model leaks memory. How do you protect the other models on that server?",
      "What would you autoscale on, and at what granularity?",
    ],
    hints: [
      "Separate a routing layer that knows where each model lives from the model servers.",
      "Scale-to-zero saves money but moves the cost into cold-start latency.",
    ],
    goodAnswerL4:
      "Uses a gateway that routes by model name and version to serving pools; packs small models into multi-model servers that load them from the registry on demand and evict unused ones; gives high-traffic models dedicated autoscaled replicas; deploys with canary traffic splits; and monitors latency, errors and loads per model.",
    goodAnswerL6:
      "Designs placement as bin packing on memory and traffic with a control plane that moves models between shared and dedicated tiers, groups models by environment image to avoid dependency conflicts, isolates with per-model process limits, pre-warms on deploy and keeps cold-start budgets explicit, autoscales on concurrency per model, supports shadow and canary with automated rollback on metrics, logs requests for monitoring, and reports cost per model to owners.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["serving", "multi-tenancy", "cost"],
  },
];
