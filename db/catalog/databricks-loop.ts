import type { LoopDefinition } from "./types";

export const databricksLoop: LoopDefinition = {
  company: { slug: "databricks", name: "Databricks" },
  slug: "databricks-ic",
  name: "Databricks engineering loop",
  summary:
    "The individual-contributor loop for engineering and applied ML roles: two screens, then an onsite day of coding, Spark and design rounds, a values interview and a hiring-manager conversation. Every round is scored against the level the candidate is targeting.",
  levels: [
    {
      code: "L3",
      rank: 3,
      title: "Entry",
      summary:
        "Delivers well-defined tasks inside an existing system, with regular guidance from more senior teammates.",
    },
    {
      code: "L4",
      rank: 4,
      title: "Mid-level",
      summary:
        "Owns features from design to launch on their own and needs help mainly with cross-team decisions.",
    },
    {
      code: "L5",
      rank: 5,
      title: "Senior",
      summary:
        "Drives whole projects or components end to end, shapes technical direction for the team and mentors others.",
    },
    {
      code: "L6",
      rank: 6,
      title: "Staff",
      summary:
        "Sets the technical agenda across several teams and resolves open-ended problems that span systems and orgs.",
    },
    {
      code: "L7",
      rank: 7,
      title: "Principal",
      summary:
        "Defines multi-year architecture for a product area or the platform and is a recognised authority across the company.",
    },
  ],
  tracks: [
    {
      slug: "platform-ml",
      name: "Platform ML engineer",
      summary:
        "Infrastructure-minded ML engineers who build the distributed systems, Spark pipelines and ML platform that models run on; the onsite leans on coding plus both design rounds.",
      roundSlugs: [
        "recruiter-screen",
        "phone-screen",
        "coding",
        "spark-deep-dive",
        "ml-system-design",
        "system-design",
        "behavioral",
        "hiring-manager",
      ],
    },
    {
      slug: "research",
      name: "Research engineer",
      summary:
        "Engineers working on frontier models and training infrastructure; the coding round becomes research coding (implementing ideas from a recent paper) and the design round probes fluency in topics like mixture-of-experts, RLHF and efficient training.",
      roundSlugs: [
        "recruiter-screen",
        "phone-screen",
        "coding",
        "ml-system-design",
        "behavioral",
        "hiring-manager",
      ],
    },
    {
      slug: "backend",
      name: "Backend / software engineer",
      summary:
        "Software engineers building APIs, distributed services and the data platform; the onsite centres on coding, distributed-systems depth and infrastructure design.",
      roundSlugs: [
        "recruiter-screen",
        "phone-screen",
        "coding",
        "spark-deep-dive",
        "system-design",
        "behavioral",
        "hiring-manager",
      ],
    },
    {
      slug: "data-science",
      name: "Data scientist / applied ML",
      summary:
        "Applied scientists who turn data into models and decisions; the onsite pairs coding with Spark data handling and an end-to-end ML design discussion.",
      roundSlugs: [
        "recruiter-screen",
        "phone-screen",
        "coding",
        "spark-deep-dive",
        "ml-system-design",
        "behavioral",
        "hiring-manager",
      ],
    },
  ],
  rounds: [
    {
      slug: "recruiter-screen",
      name: "Recruiter screen",
      position: 1,
      durationMinutes: 30,
      summary:
        "A short call where the recruiter walks through the candidate's background and specialization and agrees on the level the loop will target. Expect questions about hands-on work with Spark, MLflow or Delta and why the candidate wants this role now.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "background-specialization",
          name: "Background & specialization",
          description:
            "Whether the candidate can explain their past work crisply and show a clear area of depth that fits a track.",
          anchors: [
            "Gives a vague tour of job titles with no clear area of expertise or concrete projects.",
            "Names relevant projects but struggles to say what they personally built or why it mattered.",
            "Summarises two or three relevant projects with their own role, stack and impact in a couple of minutes.",
            "Tells a tight, well-ordered story of growing depth in one area and maps it directly onto a track.",
          ],
        },
        {
          slug: "level-calibration",
          name: "Level calibration",
          description:
            "Whether the scope the candidate describes supports the level they are asking to be interviewed at.",
          anchors: [
            "Requests a level far above what any described work supports, or cannot say what level they want.",
            "Asks for a level that is a stretch, with only one example near that scope.",
            "States a target level and backs it with several examples of matching scope and ownership.",
            "Makes an evidence-based case for the level, including scope, influence and examples beyond their own team.",
          ],
        },
        {
          slug: "platform-experience",
          name: "Hands-on platform experience",
          description:
            "How much real, hands-on use the candidate has had of Spark, MLflow, Delta or comparable data and ML tooling.",
          anchors: [
            "Has only read about the tools and cannot describe any job or pipeline they ran.",
            "Has used the tools through notebooks or tutorials but cannot describe a production problem they hit.",
            "Describes production pipelines they built or ran, including at least one concrete issue they fixed.",
            "Explains tuning or platform decisions they led, with numbers on data volume, cost or latency.",
          ],
        },
        {
          slug: "motivation",
          name: "Motivation",
          description:
            "Whether the candidate has specific, credible reasons for wanting this company and role.",
          anchors: [
            "Offers only generic reasons such as pay or brand and shows no knowledge of the product.",
            "Shows some interest in the company but the reasons could apply to almost any employer.",
            "Links the role to concrete interests in the product or the problem space and to their own goals.",
            "Connects their experience, the company's direction and a specific team's problems in a convincing way.",
          ],
        },
      ],
      levelBars: {
        L3: "Focus is on fundamentals and learning ability; hands-on tooling can come from internships, courses or personal projects.",
        L4: "Expects at least one production system the candidate owned and real exposure to data or ML tooling.",
        L5: "Expects end-to-end ownership of projects and a clear specialization that maps onto a track.",
        L6: "Expects a history of cross-team technical leadership and a well-argued case for staff scope.",
        L7: "Expects an industry-level track record and multi-year direction-setting across an org or platform.",
      },
    },
    {
      slug: "phone-screen",
      name: "Technical phone screen",
      position: 2,
      durationMinutes: 60,
      summary:
        "A live coding session, usually in Python, built around one medium-to-hard algorithms problem and graded with the same rigour as the onsite. It sometimes closes with a brief ML concept question such as how to notice feature drift.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "problem-solving",
          name: "Problem solving",
          description:
            "How the candidate clarifies the problem, finds a workable approach and improves it.",
          anchors: [
            "Cannot reach a working approach even with repeated hints.",
            "Finds a brute-force approach but needs heavy hints to move toward the expected one.",
            "Clarifies inputs, proposes a sensible approach and refines it to the expected complexity with little help.",
            "Quickly compares several approaches, picks the best with a clear reason and handles follow-up variants.",
          ],
        },
        {
          slug: "correctness",
          name: "Correctness",
          description:
            "Whether the final solution produces the right answer, including on edge cases.",
          anchors: [
            "The code fails on ordinary inputs or is left unfinished.",
            "Works on the main example but breaks on empty, duplicate or boundary inputs.",
            "Handles the normal and edge cases and the candidate tests it by walking through examples.",
            "Correct on first run, with edge cases raised up front and checked with tests the candidate chose.",
          ],
        },
        {
          slug: "code-quality",
          name: "Code",
          description:
            "Whether the code is clean, idiomatic and easy for another engineer to follow.",
          anchors: [
            "Code is hard to read, with cryptic names and tangled control flow.",
            "Code runs but has long functions, repetition or unclear names.",
            "Code is readable with good names and sensible helper functions.",
            "Code reads like production code: idiomatic, modular and ready for review without changes.",
          ],
        },
        {
          slug: "communication",
          name: "Communication",
          description:
            "How well the candidate narrates their reasoning and works with the interviewer's input.",
          anchors: [
            "Codes in silence and cannot explain choices when asked.",
            "Explains when prompted but the reasoning is hard to follow or ignores hints.",
            "Thinks aloud, checks assumptions with the interviewer and responds well to hints.",
            "Keeps the interviewer in the loop throughout and structures the discussion so trade-offs are obvious.",
          ],
        },
        {
          slug: "ml-fundamentals",
          name: "ML fundamentals",
          description:
            "Whether the candidate can answer a short applied ML question accurately and practically.",
          anchors: [
            "Gives an incorrect or empty answer to a basic ML concept question.",
            "Knows the term but cannot describe how to apply it in practice.",
            "Gives a correct, practical answer, such as which statistics to compare to detect drift.",
            "Answers precisely and adds thresholds, pitfalls or how they would act on the result in production.",
          ],
        },
      ],
      levelBars: {
        L3: "A correct solution with some hints is enough; the ML question is kept basic.",
        L4: "Expects the optimal approach with few hints and clean, tested code.",
        L5: "Expects an optimal, well-tested solution with time to spare and a solid answer to the ML question.",
        L6: "Expects fast, flawless execution plus insight into variants, scaling and production concerns.",
        L7: "Same coding bar as L6; the interviewer looks for depth and judgment in the follow-up discussion.",
      },
    },
    {
      slug: "coding",
      name: "Coding",
      position: 3,
      durationMinutes: 60,
      summary:
        "An onsite coding interview with one or two medium-to-hard problems, often on graphs, trees, intervals or heaps, sometimes with an ML flavour such as computing AUC by hand. The candidate is expected to reach correct, production-quality code while explaining the reasoning and complexity.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "problem-solving",
          name: "Problem solving",
          description:
            "How the candidate breaks the problem down and arrives at an efficient algorithm.",
          anchors: [
            "Cannot find a workable approach for either problem, even with hints.",
            "Reaches a naive solution but needs substantial steering to find an efficient one.",
            "Identifies the right pattern, such as BFS or a heap, and reaches an efficient solution with light help.",
            "Solves both problems efficiently and independently and extends the solution to harder follow-ups.",
          ],
        },
        {
          slug: "correctness-edge-cases",
          name: "Correctness & edge cases",
          description:
            "Whether the solution is correct and robust to boundary and degenerate inputs.",
          anchors: [
            "The solution is wrong on typical inputs or left incomplete.",
            "Correct on the happy path but misses key edge cases like ties, empty input or cycles.",
            "Covers the important edge cases and verifies them with a walkthrough or quick tests.",
            "Lists edge cases before coding, handles all of them and proves correctness with targeted tests.",
          ],
        },
        {
          slug: "code-quality",
          name: "Code quality",
          description:
            "Whether the code has the naming, structure and modularity expected in a production codebase.",
          anchors: [
            "Code is disorganised and hard to follow, with single-letter names and copy-paste blocks.",
            "Code works but mixes concerns or uses unclear names in places.",
            "Code is well named and split into sensible functions that a teammate could review easily.",
            "Code is idiomatic and modular, with clean interfaces that would pass review without comments.",
          ],
        },
        {
          slug: "complexity-analysis",
          name: "Complexity analysis",
          description:
            "Whether the candidate can state and justify time and space costs and spot bottlenecks.",
          anchors: [
            "Cannot state the complexity of their own solution or states it wrongly.",
            "States the complexity but cannot justify it or misses a hidden cost.",
            "Gives correct time and space bounds with a clear justification.",
            "Analyses costs precisely, including amortised or worst cases, and uses that to drive optimisations.",
          ],
        },
        {
          slug: "communication",
          name: "Communication",
          description:
            "How clearly the candidate narrates their thinking and collaborates during the session.",
          anchors: [
            "Works silently and gives little insight into the approach.",
            "Explains only when asked and sometimes loses the interviewer.",
            "Talks through the plan before coding and keeps the interviewer informed as it changes.",
            "Leads a clear, structured discussion, invites feedback and makes trade-offs explicit at each step.",
          ],
        },
      ],
      levelBars: {
        L3: "One problem solved correctly with some hints and reasonable code meets the bar.",
        L4: "Expects an optimal solution with minimal hints, good edge-case handling and clean code.",
        L5: "Expects both problems solved efficiently, with production-quality code and crisp complexity analysis.",
        L6: "Expects senior-level execution plus thoughtful discussion of how the code would scale, be tested and evolve.",
        L7: "Coding must be flawless; the interviewer weighs design sense and the ability to generalise the solution.",
      },
    },
    {
      slug: "spark-deep-dive",
      name: "Spark / distributed systems deep dive",
      position: 4,
      durationMinutes: 60,
      summary:
        "A technical conversation on how Spark executes jobs and how to diagnose slow or failing ones, often anchored in a scenario such as a job reading thousands of small Parquet files. Interviewers drill into shuffles, partitioning, skew, caching and memory, and at senior levels into the optimizer and engine.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "execution-model",
          name: "Execution model",
          description:
            "Whether the candidate understands how Spark turns code into jobs, stages and tasks and where shuffles occur.",
          anchors: [
            "Cannot explain what a stage or a shuffle is.",
            "Knows the terms but confuses narrow and wide transformations or where stage boundaries fall.",
            "Explains lazy evaluation, stage boundaries and shuffles correctly, for example why reduceByKey beats groupByKey.",
            "Predicts the stage and task layout of a job from its code and explains the cost of each shuffle.",
          ],
        },
        {
          slug: "partitioning-data-layout",
          name: "Partitioning & data layout",
          description:
            "How well the candidate reasons about partition counts, file sizes and table layout.",
          anchors: [
            "Has no idea how the number or size of files affects a job.",
            "Knows small files are bad but cannot say why or how to fix it.",
            "Explains task overhead from small files and proposes compaction, sensible partition sizes and repartitioning.",
            "Designs the layout deliberately, using OPTIMIZE, Z-ordering and partition-size settings with expected gains.",
          ],
        },
        {
          slug: "performance-diagnosis",
          name: "Performance diagnosis",
          description:
            "Whether the candidate can diagnose skew, caching mistakes and out-of-memory failures methodically.",
          anchors: [
            "Guesses at fixes, such as adding memory, without any diagnosis.",
            "Identifies one likely cause but has no systematic way to confirm it.",
            "Uses the Spark UI and query plan to find skew, bad caching or OOM causes and proposes fitting fixes.",
            "Runs a clear hypothesis-driven investigation and weighs fixes like salting, storage levels and unpersisting by cost.",
          ],
        },
        {
          slug: "optimizer-engine-internals",
          name: "Optimizer & engine internals",
          description:
            "How deeply the candidate understands Catalyst, adaptive query execution and the Photon engine.",
          anchors: [
            "Has not heard of the query optimizer or cannot read a physical plan.",
            "Knows the names Catalyst or AQE but cannot say what they change in a plan.",
            "Explains how Catalyst rewrites plans and how AQE adjusts joins and partitions at runtime.",
            "Reasons about when Photon or AQE helps or does not, and links plan details to measured performance.",
          ],
        },
      ],
      levelBars: {
        L3: "Kept conceptual: narrow vs wide transformations, shuffles and why small files hurt are enough.",
        L4: "Expects practical diagnosis of skew, caching and OOM issues on a realistic job.",
        L5: "Adds Catalyst, AQE and Photon; the candidate should read query plans and tune with confidence.",
        L6: "Expects deep internals knowledge and the judgment to set data layout and tuning practice for several teams.",
        L7: "Expects authority on engine behaviour at platform scale, including where the engine itself should change.",
      },
    },
    {
      slug: "ml-system-design",
      name: "ML system design",
      position: 5,
      durationMinutes: 60,
      summary:
        "An open-ended design session for an ML system or platform, such as a low-latency feature store for fraud detection or a managed training-to-serving pipeline. The candidate scopes requirements, sketches the full path from data to monitored model, and defends trade-offs under follow-up questions.",
      allowsSwap: true,
      oneWayFromLevel: "L6",
      dimensions: [
        {
          slug: "requirements-scale",
          name: "Requirements & scale",
          description:
            "Whether the candidate pins down goals, constraints, latency budgets and data volumes before designing.",
          anchors: [
            "Starts drawing boxes without asking what the system must do or at what scale.",
            "Asks a few questions but misses key constraints such as latency or freshness.",
            "Establishes functional needs, latency, throughput and data size, and uses them to guide the design.",
            "Quantifies requirements with back-of-envelope numbers and identifies which one will drive the architecture.",
          ],
        },
        {
          slug: "end-to-end-architecture",
          name: "End-to-end architecture",
          description:
            "Whether the design covers the full path from ingestion through training and serving to monitoring.",
          anchors: [
            "Describes only the model and ignores data pipelines, serving or monitoring.",
            "Covers most stages but leaves gaps, such as how features reach serving.",
            "Presents a coherent pipeline from ingest to serving with a justified batch or streaming choice.",
            "Delivers a clean, layered design where each component's role and interface is explicit and well motivated.",
          ],
        },
        {
          slug: "data-feature-consistency",
          name: "Data & feature consistency",
          description:
            "How the candidate keeps training and serving features consistent and point-in-time correct.",
          anchors: [
            "Does not recognise that training and serving features can differ.",
            "Mentions training-serving skew but offers no concrete mechanism to prevent it.",
            "Uses a shared feature store or shared transformation code and handles point-in-time joins.",
            "Designs for consistency end to end, including backfills, late data and streaming aggregates, with validation checks.",
          ],
        },
        {
          slug: "model-lifecycle-monitoring",
          name: "Model lifecycle & monitoring",
          description:
            "Whether the candidate plans for versioning, promotion, rollback and drift detection of models.",
          anchors: [
            "Treats deployment as a one-off step with no versioning or monitoring.",
            "Mentions monitoring in general terms without saying what to measure or how to react.",
            "Uses a model registry with staged promotion and monitors data and prediction drift with alerts.",
            "Defines concrete drift metrics, retraining triggers, safe rollout and rollback, and who acts on alerts.",
          ],
        },
        {
          slug: "tradeoffs-failure-modes",
          name: "Trade-offs & failure modes",
          description: "How well the candidate weighs alternatives and plans for what breaks.",
          anchors: [
            "Presents one design as the only option and ignores failures.",
            "Acknowledges alternatives when pushed but cannot compare them clearly.",
            "Compares options like fine-tuning vs RAG or precompute vs online with cost and latency reasoning and covers key failures.",
            "Anticipates failure modes and degraded behaviour unprompted and ties each trade-off back to the requirements.",
          ],
        },
      ],
      levelBars: {
        L3: "A reasonable pipeline for a well-scoped problem with guidance on the harder parts meets the bar.",
        L4: "Expects a complete end-to-end design with correct handling of training-serving consistency.",
        L5: "Expects a broader scope, independent driving of the discussion and solid reasoning on trade-offs and monitoring.",
        L6: "Expects platform-level thinking across many teams and models, with clear cost, reliability and migration plans.",
        L7: "Expects a multi-year platform vision, organisation-wide trade-offs and strategy for new model classes.",
      },
    },
    {
      slug: "system-design",
      name: "System design",
      position: 6,
      durationMinutes: 60,
      summary:
        "An infrastructure or backend design interview, for example a scheduler for millions of jobs or a read-heavy key-value store for inference. The candidate drives the design, covering how it scales, stays available and is operated, and responds to deeper probing on any component.",
      allowsSwap: true,
      oneWayFromLevel: "L6",
      dimensions: [
        {
          slug: "requirements",
          name: "Requirements",
          description:
            "Whether the candidate clarifies functional needs, load and service-level goals before designing.",
          anchors: [
            "Begins designing with no clarification of what the system must support.",
            "Gathers some requirements but misses load, latency or durability needs.",
            "Defines the API, expected load and latency and availability targets before proposing components.",
            "Turns requirements into numbers that clearly justify each major design choice.",
          ],
        },
        {
          slug: "scalability",
          name: "Scalability",
          description:
            "How the candidate applies sharding, replication, load balancing and consistent hashing to handle growth.",
          anchors: [
            "Relies on a single server or database with no plan for growth.",
            "Mentions sharding or replicas but cannot explain keys, rebalancing or hot spots.",
            "Chooses a sensible sharding key, replication scheme and load balancing and explains how they scale.",
            "Handles hot keys, rebalancing with consistent hashing and capacity planning with concrete estimates.",
          ],
        },
        {
          slug: "consistency-availability",
          name: "Consistency & availability",
          description:
            "Whether the candidate picks and justifies a consistency model and understands its availability cost.",
          anchors: [
            "Does not consider consistency at all or misunderstands the basic trade-off.",
            "Names the CAP trade-off but does not apply it to the system at hand.",
            "Chooses a consistency model per data path and explains what happens during partitions.",
            "Precisely reasons about quorums, leader election or conflict handling and their impact on users.",
          ],
        },
        {
          slug: "reliability-observability",
          name: "Reliability & observability",
          description:
            "How the candidate handles failures and makes the system visible to its operators.",
          anchors: [
            "Ignores failures and how anyone would know the system is unhealthy.",
            "Mentions retries or logging without specifics.",
            "Covers retries, timeouts, failover and key metrics and alerts for the system.",
            "Designs for graceful degradation, backpressure and clear SLO-based monitoring with runbook-level detail.",
          ],
        },
        {
          slug: "tradeoffs",
          name: "Trade-offs",
          description:
            "Whether the candidate weighs alternatives explicitly and can defend their choices.",
          anchors: [
            "Makes choices without reasons and cannot discuss alternatives.",
            "Gives reasons for some choices but is unsettled when challenged.",
            "Compares realistic alternatives on cost, complexity and performance and defends the chosen one.",
            "Frames the design around its key trade-offs and says exactly what would change the decision.",
          ],
        },
      ],
      levelBars: {
        L3: "A working single-region design with basic scaling ideas and some guidance meets the bar.",
        L4: "Expects a sound, scalable design for a well-scoped service with sensible reliability choices.",
        L5: "Expects a larger scope, independent leadership of the session and strong depth on scaling and failure handling.",
        L6: "Expects multi-system, multi-region thinking, operational maturity and clear cost and migration reasoning.",
        L7: "Expects platform-wide architecture judgment and the ability to set technical direction for many teams.",
      },
    },
    {
      slug: "behavioral",
      name: "Behavioral",
      position: 7,
      durationMinutes: 45,
      summary:
        "A values interview of four to six questions about past situations, such as a decision made with partial data or results that disproved your approach. Answers are scored against the company's six values, with extra weight on truth-seeking and bias for action, plus how well the stories are told.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "customer-obsession",
          name: "Customer obsession",
          description:
            "Whether the candidate's stories show them starting from real customer needs and protecting customers from problems.",
          anchors: [
            "Stories never mention customers or treat their needs as someone else's concern.",
            "Mentions customers in passing without showing how they shaped any decision.",
            "Gives a concrete example of changing plans based on customer impact, such as catching an issue before users did.",
            "Shows a consistent habit of seeking customer evidence and driving measurable improvements in their experience.",
          ],
          probes: {
            opening:
              "Tell me about a time a customer's experience changed what you built or how you built it.",
            deeper: [
              "How did you learn what the customer actually needed, rather than what they asked for?",
              "What did you give up or delay to protect them, and who disagreed?",
              "How did you know afterwards that it made a difference for them? What number moved?",
              "If you ran it again, what would you check with customers earlier?",
            ],
          },
        },
        {
          slug: "raising-the-bar",
          name: "Raising the bar",
          description:
            "Whether the candidate has raised the quality of work, standards or people around them.",
          anchors: [
            "Accepts the status quo and cannot name any standard they improved.",
            "Describes improving their own work only, with no effect beyond it.",
            "Gives an example of raising a team standard, such as testing or review practice, with a visible result.",
            "Shows repeated, lasting improvements to standards or talent across teams, backed by outcomes.",
          ],
          probes: {
            opening: "Tell me about a standard on your team that is higher today because of you.",
            deeper: [
              "What was the bar before, and what made you decide it was not good enough?",
              "How did you bring people along who were happy with the old way?",
              "How do you know the new standard stuck once you stopped pushing it?",
              "Whom did you help grow along the way, and what can they do now that they could not before?",
            ],
          },
        },
        {
          slug: "truth-seeking",
          name: "Truth-seeking",
          description:
            "How the candidate responds when evidence contradicts their view and whether they admit being wrong.",
          anchors: [
            "Cannot name a time they were wrong or dismisses contrary evidence.",
            "Admits a mistake only vaguely or frames it so that someone else was at fault.",
            "Describes a time data disproved their approach and how they changed course openly.",
            "Shows they actively look for disconfirming evidence and built habits or processes to surface it early.",
          ],
          probes: {
            opening: "Tell me about a time the data showed your approach was wrong.",
            deeper: [
              "When did you first suspect it, and how long did it take you to accept it?",
              "How did you tell the people who had backed your approach?",
              "What did you change in how you work so the next mistake shows up sooner?",
              "Tell me about a belief you hold today that you are actively trying to disprove.",
            ],
          },
        },
        {
          slug: "first-principles",
          name: "First-principles thinking",
          description:
            "Whether the candidate reasons from fundamentals rather than copying convention.",
          anchors: [
            "Justifies decisions only by precedent or by what others did.",
            "Questions an assumption once but falls back on convention without analysis.",
            "Explains a decision built from the underlying constraints, such as cost or physics of the system.",
            "Overturned a widely held assumption through careful reasoning and the result proved them right.",
          ],
          probes: {
            opening:
              "Tell me about a decision where you threw out the usual way of doing it and reasoned from scratch.",
            deeper: [
              "Which assumption did you question, and why did everyone else hold it?",
              "Walk me through the constraints you started from: cost, time, how the system behaves.",
              "How did you convince others when the conventional answer felt safer?",
              "Where did reasoning from scratch lead you astray, and how did you notice?",
            ],
          },
        },
        {
          slug: "bias-for-action",
          name: "Bias for action",
          description:
            "Whether the candidate makes sound, timely decisions when information is incomplete.",
          anchors: [
            "Waits for certainty or escalates every decision instead of acting.",
            "Acts eventually but cannot explain how they managed risk or timing.",
            "Describes deciding with partial data, limiting the downside, and adjusting as new facts came in.",
            "Shows a pattern of fast, reversible decisions with clear risk framing that sped up the team.",
          ],
          probes: {
            opening: "Tell me about a time you had to decide before you had the data you wanted.",
            deeper: [
              "What did you know, what did you not know, and what would waiting have cost?",
              "How did you limit the damage if you turned out to be wrong?",
              "What told you to change course, and how quickly did you act on it?",
              "Which decision of yours would you now say you made too slowly, and why?",
            ],
          },
        },
        {
          slug: "company-first",
          name: "Company first",
          description:
            "Whether the candidate puts the company's goals ahead of personal or team interests.",
          anchors: [
            "Stories show optimising for personal credit or their own team at others' expense.",
            "Claims to put the company first but examples show little sacrifice or trade-off.",
            "Gives an example of backing a decision that helped the company even though it cost their team something.",
            "Repeatedly aligned teams around company priorities, giving up scope or credit, with a clear positive result.",
          ],
          probes: {
            opening:
              "Tell me about a time you backed a decision that was good for the company but cost your own team.",
            deeper: [
              "What exactly did your team give up: scope, headcount, credit, a launch?",
              "How did you explain it to your team, and how did they take it?",
              "Was there a moment you were tempted to protect your team's interest instead? What stopped you?",
              "Looking back, was it the right call for the company? How do you know?",
            ],
          },
        },
        {
          slug: "answer-structure",
          name: "Answer structure",
          description:
            "Whether answers follow a clear situation-task-action-result shape with measured outcomes and honest reflection.",
          anchors: [
            "Answers ramble without a clear story, result or personal role.",
            "Stories have some structure but outcomes are vague or the candidate hedges about failures.",
            "Uses a clear STAR structure, names their own actions and quantifies results, including honest failures.",
            "Tells concise, well-chosen stories with precise metrics and candid lessons that changed later behaviour.",
          ],
        },
      ],
      levelBars: {
        L3: "Stories can come from school, internships or small projects as long as they show the values honestly.",
        L4: "Expects examples from professional work with clear personal ownership and measurable results.",
        L5: "Expects stories of leading projects through disagreement and ambiguity with team-level impact.",
        L6: "Expects examples of influencing several teams, handling hard trade-offs and shaping culture.",
        L7: "Expects organisation-wide impact, setting standards and making high-stakes calls with partial information.",
      },
    },
    {
      slug: "hiring-manager",
      name: "Hiring manager",
      position: 8,
      durationMinutes: 60,
      summary:
        "A conversation with the prospective manager about the candidate's career path, the scope they have handled and why they want this team. The manager also returns to any areas earlier interviewers flagged as uncertain.",
      allowsSwap: false,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "career-arc-scope",
          name: "Career arc & scope",
          description:
            "Whether the candidate's career shows growing scope and ownership consistent with the target level.",
          anchors: [
            "Career story shows flat or unclear scope with no sense of ownership.",
            "Shows some growth but the largest scope is below the target level.",
            "Describes a steady rise in scope that reaches the target level with concrete examples.",
            "Shows scope beyond the target level and a clear, intentional direction for the next steps.",
          ],
        },
        {
          slug: "ambiguity-at-scale",
          name: "Ambiguity at scale",
          description: "How the candidate brings structure to large, loosely defined problems.",
          anchors: [
            "Needs problems fully defined before making progress.",
            "Handles some ambiguity but relies on others to set direction.",
            "Gives examples of turning an unclear goal into a plan, aligning people and delivering.",
            "Repeatedly framed open-ended, cross-team problems and steered them to strong outcomes.",
          ],
        },
        {
          slug: "motivation-fit",
          name: "Motivation & fit",
          description:
            "Whether the candidate's goals and working style fit the team's work and way of operating.",
          anchors: [
            "Shows little interest in the team's problems or a working style at odds with the team.",
            "Shows general interest but goals only partly match what the team needs.",
            "Clearly wants this team's problems and describes a working style that fits how it operates.",
            "Brings specific ideas for the team's roadmap and a strong, well-grounded reason to join now.",
          ],
        },
        {
          slug: "flagged-areas",
          name: "Follow-up on flagged areas",
          description:
            "Whether the candidate resolves concerns raised earlier in the loop when the manager probes them.",
          anchors: [
            "Confirms the earlier concern or becomes defensive when it is raised.",
            "Partly addresses the concern but leaves real doubt.",
            "Gives convincing evidence that the flagged gap is not a real weakness or is being addressed.",
            "Turns the concern into a strength with strong examples and honest reflection.",
          ],
        },
      ],
      levelBars: {
        L3: "Looks for curiosity, coachability and early signs of ownership.",
        L4: "Looks for independent delivery of features and a clear growth path.",
        L5: "Looks for end-to-end project leadership and mentoring of others.",
        L6: "Looks for cross-team influence and a record of solving ambiguous, high-impact problems.",
        L7: "Looks for organisation-level vision and the ability to shape the company's technical strategy.",
      },
    },
  ],
};
