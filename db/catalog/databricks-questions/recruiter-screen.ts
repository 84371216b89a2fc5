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
      "Which project of yours would you most like the onsite interviewers to ask about?",
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
  {
    slug: "early-career-level",
    title: "Level for an early-career candidate",
    prompt:
      "Since you are early in your career, let's agree which level to interview you at. Tell me what you have owned so far, in a job, an internship or a substantial project, and whether you see yourself at entry level or ready for mid-level work.",
    followUps: [
      "Which part of that work did you do without anyone telling you how?",
      "What kind of guidance do you still rely on from more senior engineers?",
      "What would you need to show in the next year to move up a level?",
    ],
    hints: [
      "Entry level means delivering well-defined tasks with guidance; mid-level means owning features on your own.",
      "Pick the level your strongest example supports, not the one your years suggest.",
    ],
    goodAnswerL4:
      "Names mid-level and supports it with a feature they took from design to launch on their own, for example a data validation service used by their team, while being clear about where they still seek help on cross-team decisions.",
    goodAnswerL6:
      "Not expected at this level; a candidate asking for staff from here would need to show cross-team direction-setting. The best answer at entry level is an honest, well-argued choice with concrete ownership examples.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["leveling", "scope"],
  },
  {
    slug: "area-of-depth",
    title: "Your area of deepest expertise",
    prompt:
      "If your colleagues had one kind of problem to bring you, what would it be? Tell me about your area of deepest expertise and one problem in it that you solved and few people around you could have.",
    followUps: [
      "How did you build that depth: projects, reading, on-call?",
      "What is next to learn in that area for you?",
      "Which of our interview rounds do you expect to be strongest and weakest in?",
    ],
    hints: [
      "A narrow, deep answer is better than a list of technologies.",
      "Think of the questions people message you about.",
    ],
    goodAnswerL4:
      "Names a specific area, such as Spark pipeline performance or model evaluation, and gives a real problem they solved in it with technical detail, showing depth beyond the average engineer on their team and an honest view of their weaker areas.",
    goodAnswerL6:
      "Names an area where they are a reference across the organisation, gives a problem of real difficulty with results, explains how they spread that expertise through designs, standards or teaching, and relates it clearly to one track's hardest rounds.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["specialization", "background"],
  },
  {
    slug: "delta-table-operations",
    title: "Running tables in a lakehouse",
    prompt:
      "Tell me about a table or dataset you were responsible for in a data lake or lakehouse, Delta or otherwise. How big was it, how was it written and read, and what problems did you run into keeping it healthy?",
    followUps: [
      "Did you deal with small files, and what did you do about them?",
      "How did you handle a change to the table's schema?",
      "How did readers get consistent data while writers were updating it?",
      "Did you ever need to restore an earlier version?",
    ],
    hints: [
      "Compaction, partitioning, schema changes, concurrent writers and old-file clean-up are common topics.",
      "Rough sizes are enough: rows, files, gigabytes per day.",
    ],
    goodAnswerL4:
      "Describes a real table with size and write pattern, a concrete issue such as thousands of small files from a streaming writer slowing reads, the fix (scheduled compaction, better partitioning) and the measured improvement, plus how schema changes were handled.",
    goodAnswerL6:
      "Describes setting table design and maintenance standards for many datasets: layout and clustering choices, retention and clean-up policies, handling concurrent writers, and the cost or query-time improvements achieved across teams.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["delta-lake", "hands-on-experience"],
  },
  {
    slug: "model-to-production",
    title: "A model you took to production",
    prompt:
      "Tell me about a model you helped get from an experiment into production. Which tools tracked the experiments and versions, how was it deployed, and how did you know it was still working a month later?",
    followUps: [
      "Who decided a model version was ready, and based on what?",
      "How did you roll back if a new version misbehaved?",
      "Did the model's performance drift, and how did you notice?",
    ],
    hints: [
      "MLflow or any other tracking and registry tool is fine; describe the workflow.",
      "Mention monitoring even if it was basic.",
    ],
    goodAnswerL4:
      "Describes an end-to-end path: experiments tracked with parameters and metrics, a registered model version promoted after offline validation, batch or online deployment, and a monitor on prediction quality or input drift, with one real incident or change they handled.",
    goodAnswerL6:
      "Describes building or standardising the path from experiment to production for several teams, including promotion gates, reproducibility from data and code versions, safe rollout and rollback, and monitoring that triggers retraining, with adoption and reliability figures.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["mlflow", "hands-on-experience"],
  },
  {
    slug: "streaming-experience",
    title: "Experience with streaming data",
    prompt:
      "Have you built or run a streaming pipeline, with Spark Structured Streaming, Flink, Kafka consumers or similar? Tell me what it did, what latency it needed and one problem you hit with late or duplicate data.",
    followUps: [
      "How did the pipeline recover after a failure without losing or repeating data?",
      "How did you decide between streaming and a frequent batch job?",
      "How did you monitor whether it was keeping up?",
    ],
    hints: [
      "If you have only used batch, say so and describe the closest thing you have done.",
      "Checkpoints, watermarks and idempotent writes are good things to mention if you used them.",
    ],
    goodAnswerL4:
      "Describes a real streaming job with its throughput and latency target, how state and checkpoints were handled, a concrete issue such as late events being dropped and how watermarks or deduplication fixed it, and how lag was monitored.",
    goodAnswerL6:
      "Describes owning streaming infrastructure used by several teams, decisions on exactly-once guarantees, backpressure and cost, a significant incident and its resolution, and clear reasoning about when streaming is not worth its complexity.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["spark", "streaming", "hands-on-experience"],
  },
  {
    slug: "daily-languages-and-coding",
    title: "Your everyday languages and coding practice",
    prompt:
      "The next step is a live coding screen, usually in Python. Which languages do you write most days, how comfortable are you solving an algorithms problem in Python while talking it through, and is there anything about the format you want to know?",
    followUps: [
      "When did you last write a non-trivial piece of Python, and what was it?",
      "Would you like time to prepare before we schedule the screen?",
      "Which topics do you expect to find hardest?",
    ],
    hints: [
      "Honesty here helps us schedule you well; it is not scored against you.",
      "Mention SQL, Scala or other languages you use if they are part of your daily work.",
    ],
    goodAnswerL4:
      "Gives a clear picture of their daily stack, recent substantial Python work, and a realistic view of their readiness for a timed algorithms problem, asking sensible questions about the format and preparation time.",
    goodAnswerL6:
      "Gives the same clarity while recognising that senior candidates are held to the same coding bar, describes how they keep hands-on coding sharp despite leadership duties, and plans preparation time accordingly.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["logistics", "hands-on-experience"],
  },
  {
    slug: "compensation-expectations",
    title: "Compensation expectations",
    prompt:
      "To make sure we are working toward something that fits, can you share how you are thinking about compensation for your next role? A range or the parts that matter most to you, such as base, equity or bonus, is fine, and you are welcome to wait until the level is settled.",
    followUps: [
      "Which parts of the package matter most to you, and why?",
      "Is there anything beyond pay, such as flexibility or a start date, that would weigh heavily in your decision?",
      "Would you like me to explain how our ranges depend on the level the loop lands on?",
    ],
    hints: [
      "It is acceptable to give a range or to defer the number until after the level is agreed.",
      "Naming what matters to you helps the recruiter put the right offer together.",
    ],
    goodAnswerL4:
      "Responds calmly and clearly, either with a researched range or a reasoned preference to discuss numbers once the level is set, and names the components and non-monetary factors that matter to them.",
    goodAnswerL6:
      "Handles the conversation with the same clarity, understands how level drives the range, explains the trade-offs they would accept between components, and is transparent about timing without using it as pressure.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["compensation", "logistics"],
  },
  {
    slug: "timeline-and-other-processes",
    title: "Timeline and other processes",
    prompt:
      "Our process usually takes four to seven weeks from this call to a decision. Where are you with other companies, are there any deadlines we should know about, and what would a realistic start date look like for you?",
    followUps: [
      "Are there any offers or final rounds coming up in the next two weeks?",
      "How much notice do you need to give your current employer?",
      "Are there dates when you cannot interview, and would a full onsite day work for you?",
    ],
    hints: [
      "Sharing deadlines early lets the recruiter move faster; it rarely hurts.",
      "Mention notice periods, planned time off or relocation needs.",
    ],
    goodAnswerL4:
      "Gives a clear, honest picture of other processes and deadlines, a realistic notice period and start date, and availability for the onsite, so the recruiter can plan the loop.",
    goodAnswerL6:
      "Gives the same clear picture and also what drives their decision, such as the team match or the scope of the role, helping the recruiter line up the right conversations, for example with the hiring manager, early.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["logistics", "timeline"],
  },
  {
    slug: "location-and-working-setup",
    title: "Location and working arrangements",
    prompt:
      "Let's check the practical side. Where would you be working from, do you have a preference among office, hybrid or remote work, and are there any constraints on location, travel or hours that the team should know about?",
    followUps: [
      "Would you consider relocating if the team you match with is based elsewhere?",
      "How much overlap in working hours do you need with your team?",
      "Is there anything about the interview day itself we should arrange for you?",
    ],
    hints: [
      "Be upfront about constraints; they affect which teams you can be matched with.",
      "Mention any adjustments you need for the interviews.",
    ],
    goodAnswerL4:
      "States location and working preferences clearly, is open about constraints and flexibility, and raises anything needed for the interview day, so matching and scheduling can go ahead.",
    goodAnswerL6:
      "Gives the same clarity and considers how their location affects leading across teams and time zones, for example travel for planning or overlap with key partner teams.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["logistics"],
  },
  {
    slug: "research-track-fit",
    title: "Fit for the research engineering track",
    prompt:
      "You mentioned interest in research engineering. Tell me about a paper or model you implemented or trained yourself: what was it, what did it take to make it work at the scale you had, and what did you learn that was not in the paper?",
    followUps: [
      "What was the largest training run you were responsible for, in GPUs and hours?",
      "How did you check that your implementation matched the paper's results?",
      "Which recent ideas in the field would you most like to work on?",
    ],
    hints: [
      "Reproducing a result, even at small scale, is a strong example.",
      "Mention training infrastructure details you handled, such as distributed data loading or mixed precision.",
    ],
    goodAnswerL4:
      "Describes implementing a model from a paper, the practical problems that came up (unstable training, numerical issues, missing details), how they verified results against the paper, and a concrete lesson, showing they fit the research coding round.",
    goodAnswerL6:
      "Describes leading training or research infrastructure work at substantial scale, such as multi-node training with careful efficiency tuning, contributions that changed how a team trains models, and a well-informed view of current directions like mixture-of-experts or preference tuning.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["track-fit", "research"],
  },
  {
    slug: "data-science-track-fit",
    title: "Fit for the data science track",
    prompt:
      "You are leaning toward the data science and applied ML track. Tell me about an analysis or model of yours that changed a real decision: what question it answered, what data you used and what the business did differently afterwards.",
    followUps: [
      "How did you make sure the result was not a fluke of the data?",
      "Who acted on it, and how did you present it to them?",
      "How much of the data preparation did you do yourself, and with what tools?",
    ],
    hints: [
      "Start with the decision, then the analysis behind it.",
      "Mention the scale of the data and the tools, such as Spark, SQL or pandas.",
    ],
    goodAnswerL4:
      "Describes an analysis or model with a clear question, solid method (for example a proper holdout or an A/B test), hands-on data work at real scale, and a decision it changed with a measurable effect.",
    goodAnswerL6:
      "Describes a body of applied work that shaped strategy across a product area, the methods and infrastructure they put in place for others, and how they made results trustworthy to leadership.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["track-fit", "data-science"],
  },
  {
    slug: "ic-path-preferences",
    title: "Your direction as a senior engineer",
    prompt:
      "At senior levels people grow in different directions: deeper technical ownership, leading larger technical efforts, or moving toward management. Which of these do you want next, and what have you done recently that points that way?",
    followUps: [
      "How much of your week do you want to spend writing code?",
      "Have you led people without managing them, and how did that go?",
      "What kind of team would let you grow in that direction?",
    ],
    hints: [
      "There is no right answer; clarity helps the team match.",
      "Back your preference with how you spend your time today.",
    ],
    goodAnswerL4:
      "Not usually asked at this level; a good answer states a clear direction, such as growing technical depth, and names the kind of work that would build it.",
    goodAnswerL6:
      "Articulates a deliberate direction, for example staying an individual contributor who sets technical direction across teams, supports it with recent work and how their time is spent, and describes the team conditions that would let them have that impact.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["motivation", "career"],
  },
];
