import type { QuestionDefinition } from "../question-types";

// The recruiter-screen round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const recruiterScreen: QuestionDefinition[] = [
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
