import type { QuestionDefinition } from "../question-types";

// The behavioral round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const behavioral: QuestionDefinition[] = [
  {
    slug: "customer-obsession-issue-before-customer",
    title: "Customer obsession: a problem you caught first",
    prompt:
      "Tell me about a time you noticed a problem that would have hurt customers before any of them reported it. How did you find it, what did you do, and what changed afterwards?",
    followUps: [
      "How did you know it would matter to customers, and how many would it have affected?",
      "What did you tell customers, if anything?",
      "What did you put in place so that class of problem is caught automatically now?",
    ],
    hints: [
      "Use situation, task, action, result, and keep the situation short.",
      "Give the customer impact you prevented in numbers if you can.",
    ],
    goodAnswerL4:
      "Describes a specific catch, such as noticing a jump in null values in a pipeline feeding a customer report, the steps they took to confirm and fix it before the report went out, and an added data-quality check. Quantifies the customers or revenue protected.",
    goodAnswerL6:
      "Tells a story where they changed how the organisation sees customer impact, for instance introducing customer-facing SLOs or synthetic checks after catching an issue, explains the trade-offs against feature work, and shows a measurable drop in customer-reported incidents.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["customer-obsession"],
  },
  {
    slug: "raising-the-bar-quality",
    title: "Raising the bar: lifting a standard",
    prompt:
      "Tell me about a time you raised the quality bar for your team's work, such as code, design reviews, testing or hiring, when the existing standard was 'good enough'. What resistance did you meet, and what was the result?",
    followUps: [
      "How did you make the case that the extra effort was worth it?",
      "Did the new standard slow anything down, and how did you handle that?",
      "Is the standard still in place? Why or why not?",
    ],
    hints: [
      "Focus on a standard you changed, not a piece of work you did well yourself.",
      "Describe how you brought others along.",
    ],
    goodAnswerL4:
      "Gives a concrete change, such as introducing integration tests for a fragile service or a review checklist, explains how they persuaded the team with data about incidents or rework, and reports a measurable improvement while acknowledging the cost.",
    goodAnswerL6:
      "Describes raising a bar across several teams, for example a design review process or an interviewing standard, with a mechanism that outlasted their involvement, how they handled senior pushback, and evidence that quality improved without stalling delivery.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["raising-the-bar"],
  },
  {
    slug: "truth-seeking-disproved",
    title: "Truth-seeking: when the data proved you wrong",
    prompt:
      "Tell me about a time the results of an experiment, a benchmark or a launch showed that your approach or hypothesis was wrong. How did you react, and what did you do next?",
    followUps: [
      "Before the results came in, how confident were you and why?",
      "Did anyone want to explain the results away? What did you do about it?",
      "What do you do differently now when you form a hypothesis?",
    ],
    hints: [
      "Pick a story where you were really wrong, not one where someone else was.",
      "Be specific about the evidence and how it changed your mind.",
    ],
    goodAnswerL4:
      "Shares a real miss, such as an optimisation that benchmarks showed made things slower, describes checking the measurement before accepting it, dropping or reworking the approach and telling the team openly, and a concrete lesson about testing assumptions earlier.",
    goodAnswerL6:
      "Describes being wrong on a decision with wide impact, such as a platform bet, setting up the experiment that could disprove it, publicly changing course despite sunk cost, and changing how the organisation evaluates similar bets, with no hedging about their own role.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["truth-seeking"],
  },
  {
    slug: "first-principles-rethink",
    title: "First principles: questioning the accepted approach",
    prompt:
      "Tell me about a time you solved a problem by going back to first principles instead of following the accepted way of doing things. What was the accepted approach, what did you question, and how did it turn out?",
    followUps: [
      "What were the basic constraints you reasoned from?",
      "How did you test your reasoning before committing to it?",
      "When is reasoning from scratch the wrong thing to do?",
    ],
    hints: [
      "Say what everyone assumed and why that assumption was worth challenging.",
      "Numbers such as cost, latency or hardware limits often anchor this kind of reasoning.",
    ],
    goodAnswerL4:
      "Describes questioning a default, such as a nightly full rebuild, working out from data volumes and change rates that an incremental approach was feasible, prototyping it, and cutting runtime or cost by a stated amount.",
    goodAnswerL6:
      "Tells of reframing a large problem from its fundamental constraints, such as re-deriving the cost model of a platform from hardware and usage data, which led to an architecture change adopted across teams. Shows how they validated the reasoning and when they chose to follow convention instead.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["first-principles"],
  },
  {
    slug: "bias-for-action-incomplete-data",
    title: "Bias for action: deciding without all the data",
    prompt:
      "Tell me about a time you had to make an important decision before you had all the information you wanted. What did you know and not know, how did you decide, and how did it work out?",
    followUps: [
      "What would waiting have cost?",
      "How did you make the decision easy to reverse if you were wrong?",
      "Looking back, was it the right call? What did you learn when more data arrived?",
    ],
    hints: [
      "Explain the deadline or cost of delay that forced the decision.",
      "Say what you did to limit the risk of being wrong.",
    ],
    goodAnswerL4:
      "Describes a concrete decision, such as rolling back a release during an incident before the root cause was known, states what was known, the cost of waiting, the mitigation chosen and the outcome, including what they would change.",
    goodAnswerL6:
      "Describes a high-stakes call with real ambiguity, such as committing a team to a migration path, distinguishes reversible from irreversible parts, sets checkpoints and signals that would trigger a change of course, and reflects honestly on the result.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["bias-for-action", "ambiguity"],
  },
  {
    slug: "company-first-conflicting-priorities",
    title: "Company first: choosing the bigger goal",
    prompt:
      "Tell me about a time when what was best for your team or for you conflicted with what was best for the company, for example competing priorities between product and engineering. What did you choose, and how did you handle the people affected?",
    followUps: [
      "What did your team give up, and how did they feel about it?",
      "How did you know which option was better for the company?",
      "Would you make the same call again?",
    ],
    hints: [
      "Be clear about what the trade-off cost your own team.",
      "Describe how you communicated the decision.",
    ],
    goodAnswerL4:
      "Describes setting aside a planned project to help another team hit a critical launch, or accepting a less elegant solution to ship sooner for customers, explains why it mattered to the company and how they kept their own commitments visible.",
    goodAnswerL6:
      "Describes a significant trade-off at organisational level, such as deprecating their own team's system in favour of another team's platform, explains the reasoning in terms of company outcomes, how they brought their team along and the measurable result.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["company-first", "prioritization"],
  },
  {
    slug: "disagree-and-commit-tradeoff",
    title: "A technical trade-off you disagreed with",
    prompt:
      "Tell me about a time a technical trade-off you disagreed with was chosen anyway. How did you argue your case, what did you do once the decision was made, and what happened in the end?",
    followUps: [
      "What was the strongest argument for the option you opposed?",
      "How did you work on the chosen approach without undermining it?",
      "If it went badly, how did you raise it without saying 'I told you so'?",
    ],
    hints: [
      "Show that you understood the other side, not only your own view.",
      "Describe what you did after the decision, not only before.",
    ],
    goodAnswerL4:
      "Describes disagreeing on, for example, choosing a quick schema hack over a migration, making the case with data, then committing fully to the chosen approach, documenting the risk and following up constructively when the issue surfaced.",
    goodAnswerL6:
      "Describes a contested architectural decision, shows they steel-manned the other position, escalated through the right forum, committed visibly once decided, and set up signals to revisit it. Reflects on what they learned about their own judgement either way.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["truth-seeking", "collaboration"],
  },
  {
    slug: "incident-you-caused",
    title: "Truth-seeking: an outage you caused",
    prompt:
      "Tell me about a production problem that you yourself caused, whether through a change you shipped, a config you edited or a check you skipped. How did you find out it was you, what did you tell people, and what did the customers affected experience?",
    followUps: [
      "At what point did you realise it was your change, and what did you do in the next ten minutes?",
      "How many customers or jobs were affected, and for how long?",
      "What did the write-up say about your part, and did you write it?",
      "What would you do differently if you had that change in front of you again?",
    ],
    hints: [
      "Interviewers want your mistake, not a team's; say plainly what you did wrong.",
      "Give the impact in numbers: minutes of downtime, failed jobs, customers who noticed.",
    ],
    goodAnswerL4:
      "Owns a concrete mistake, such as a schema change that broke a downstream job, describes how they traced it to their own commit, rolled back and told the affected team before being asked, quantifies the impact and names a safeguard they added, like a contract test or a staged rollout.",
    goodAnswerL6:
      "Describes a wide-reaching failure traced to their own decision or design, leads the response and a blameless review that names their part without softening it, talks to affected customers or their account teams directly, and changes a process across teams so the class of failure is caught before release.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["truth-seeking", "customer-obsession"],
  },
  {
    slug: "colleague-evidence-changed-mind",
    title: "Truth-seeking: someone else's evidence changed your mind",
    prompt:
      "Tell me about a time a colleague, often someone more junior or from another team, brought evidence that contradicted a position you held strongly. How did you respond at first, what convinced you, and what did you do once you had changed your mind?",
    followUps: [
      "What was your first reaction, honestly?",
      "What exactly was the evidence, and what did you check before accepting it?",
      "How did you make sure the person got credit for changing the decision?",
      "Is there an opinion you hold now that you are actively testing in the same way?",
    ],
    hints: [
      "Pick a case where you held the view strongly; a minor preference does not show much.",
      "Describe the evidence itself, not only that you were persuaded.",
    ],
    goodAnswerL4:
      "Describes defending an approach, for example a caching design, until a teammate's profiling showed the bottleneck was elsewhere; reproduces the measurement, changes course openly in the team channel, credits the teammate and adopts profiling before optimising as a habit.",
    goodAnswerL6:
      "Describes a strongly held architectural or strategic position reversed by data brought by someone with less authority, explains how they created room for that dissent, changed the plan for several teams, credited the source publicly and built a practice, such as pre-mortems or review checklists that demand counter-evidence.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["truth-seeking"],
  },
  {
    slug: "result-too-good-to-be-true",
    title: "Truth-seeking: a result that looked too good",
    prompt:
      "Tell me about a time you got a result that looked better than it should have, such as a model metric, a benchmark or a business number. What made you suspicious, how did you dig into it, and what did you find?",
    followUps: [
      "What did you expect the number to be, and how did you form that expectation?",
      "Who else had already seen the result, and how did you handle their excitement?",
      "What check would have caught this earlier?",
    ],
    hints: [
      "Label leakage, a broken baseline, a cached benchmark or a sampling bug are common culprits; yours may be different.",
      "Say how you reasoned about what the number should be before chasing the bug.",
    ],
    goodAnswerL4:
      "Describes a concrete case, such as a model jumping from 0.78 to 0.95 AUC because a feature was computed after the label time, explains the sanity reasoning that raised the flag, the check that confirmed the leak, reporting the corrected number even though it was disappointing, and adding a point-in-time test.",
    goodAnswerL6:
      "Describes catching an inflated result that leadership was already acting on, reasons from fundamentals about what gain was physically or statistically plausible, leads the investigation, corrects the record openly and changes the organisation's evaluation process, for example with holdout reviews or benchmark reproducibility rules.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["truth-seeking", "first-principles"],
  },
  {
    slug: "cut-scope-to-ship",
    title: "Bias for action: cutting scope to reach customers sooner",
    prompt:
      "Tell me about a time you chose to ship a smaller version of something so that customers got value sooner, rather than waiting for the complete design. How did you decide what to cut, and what happened after the first version was out?",
    followUps: [
      "What did you leave out, and who objected?",
      "How did you know the smaller version was still useful to customers?",
      "What did you learn from real usage that you would not have learned by waiting?",
      "Did the deferred parts ever get built? Should they have?",
    ],
    hints: [
      "Explain what waiting would have cost the customer, not only the team.",
      "Describe how you made sure the shortcuts did not become permanent by accident.",
    ],
    goodAnswerL4:
      "Describes shipping, for example, a batch export before the planned real-time API because a customer needed the data for a quarterly close, names what was cut and why, tracks the shortcuts as explicit follow-ups, and reports usage data that reshaped the rest of the roadmap.",
    goodAnswerL6:
      "Describes restructuring a large programme around early releases to real customers, negotiating the cut with product and other teams, setting guardrails so the early version was safe to run, and showing with adoption or revenue numbers how the feedback changed or cancelled later phases.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["bias-for-action", "customer-obsession"],
  },
  {
    slug: "stepped-into-unowned-problem",
    title: "Bias for action: a problem nobody owned",
    prompt:
      "Tell me about a time you noticed a problem that clearly was not your job, and nobody else was fixing it. What made you decide to act rather than file a ticket, what did you do, and how did the owning team react?",
    followUps: [
      "What did you put aside to work on it?",
      "How did you avoid stepping on the owning team's toes?",
      "Who owns the problem now?",
    ],
    hints: [
      "Flaky shared CI, an orphaned service or broken onboarding docs are typical examples.",
      "Say how you judged that fixing it was worth more to the company than your planned work.",
    ],
    goodAnswerL4:
      "Describes fixing something like a flaky shared test suite that slowed every team, timeboxes the effort, tells the nominal owners first, lands the fix and a measurement such as build failure rate dropping from 20% to 3%, and hands clear ownership back.",
    goodAnswerL6:
      "Describes spotting a gap between teams, such as no one owning data quality for a widely used table, acting quickly to stop the damage, then getting ownership assigned and funded across the organisation, with evidence the problem stayed fixed after they stepped back.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["bias-for-action", "company-first"],
  },
  {
    slug: "experiment-ended-debate",
    title: "Bias for action: ending a debate with an experiment",
    prompt:
      "Tell me about a time a team was stuck debating two options and you broke the deadlock by testing rather than arguing. What did you build or measure, how long did it take, and did the result settle the question?",
    followUps: [
      "How long had the debate gone on, and what was it costing?",
      "How did you make sure the experiment was fair to the option you did not favour?",
      "What would you have done if the result had been inconclusive?",
      "Did the result go the way you expected?",
    ],
    hints: [
      "The value is in the speed and the fairness of the test; describe both.",
      "Say what the people on each side agreed beforehand would change their minds.",
    ],
    goodAnswerL4:
      "Describes a short prototype or benchmark, such as comparing two serialisation formats on real payloads in two days, agrees the success criteria with both sides beforehand, reports the result even though it favoured the other option, and the team moves on.",
    goodAnswerL6:
      "Describes a long-running cross-team disagreement, frames the decision around the one or two facts that would settle it, runs a time-boxed experiment with pre-agreed criteria, accepts the outcome whichever way it fell, and turns the approach into a habit for contested design decisions.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["bias-for-action", "truth-seeking"],
  },
  {
    slug: "moved-too-fast",
    title: "Bias for action: when moving fast went wrong",
    prompt:
      "Tell me about a time you acted quickly and it turned out to be the wrong call. What did you know when you decided, what went wrong, and how has it changed the way you judge when to move fast?",
    followUps: [
      "Was the decision wrong, or was it a good decision with a bad outcome? How do you tell?",
      "What signal did you ignore or not look for?",
      "How did you recover, and how long did it take?",
    ],
    hints: [
      "A story where the speed was right but the result was unlucky is fine, if you can explain why.",
      "Describe how you now decide whether a decision is easy to undo.",
    ],
    goodAnswerL4:
      "Describes, for example, pushing a hotfix without a second review that caused a new failure, owns it, explains the recovery and the rule they now follow, such as always pairing on irreversible changes while still moving fast on reversible ones.",
    goodAnswerL6:
      "Separates decision quality from outcome, describes a fast organisational or architectural call that proved wrong, the early signal they missed, how they unwound it at scale, and a sharper framework they now use and teach for judging reversibility and cost of delay.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["bias-for-action", "truth-seeking"],
  },
  {
    slug: "blocked-by-another-team",
    title: "Bias for action: when you were blocked",
    prompt:
      "Tell me about a time your work was blocked on another team or a decision that was not yours to make. What did you do while you waited, and how did you get it unblocked?",
    followUps: [
      "How long did you wait before doing something about it?",
      "What did you do to make it easy for the other team to say yes?",
      "Did you find a way to make progress that did not depend on them?",
    ],
    hints: [
      "Escalating is fine; say when and how you did it, and what you tried first.",
      "Describe the work you moved forward in parallel.",
    ],
    goodAnswerL4:
      "Describes, for example, waiting on an API from a platform team, building against a mock of the agreed interface, offering to write the change themselves, escalating with a clear ask and a date when it stalled, and shipping within a week of the dependency landing.",
    goodAnswerL6:
      "Describes a dependency that blocked several teams, diagnoses why the other team could not prioritise it, proposes a plan that works for both (staffing, a shared design or a temporary workaround), gets the decision made at the right level, and changes how cross-team dependencies are planned.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["bias-for-action"],
  },
  {
    slug: "customer-ask-versus-need",
    title: "Customer obsession: the request behind the request",
    prompt:
      "Tell me about a time a customer or an internal user asked for a specific feature, and you discovered that what they really needed was something different. How did you find out, and what did you build in the end?",
    followUps: [
      "How did you talk to the customer: what did you ask, or what did you watch them do?",
      "How did you push back on the original request without losing their trust?",
      "How did you check that what you built solved the real problem?",
    ],
    hints: [
      "Describe the underlying problem in the customer's own terms.",
      "A number on adoption, time saved or tickets closed makes the result concrete.",
    ],
    goodAnswerL4:
      "Describes a request, such as 'add a retry button', traced back to the real problem, such as jobs failing on transient storage errors, and a fix at the root with automatic retries, confirmed with the user and measured by a drop in support tickets.",
    goodAnswerL6:
      "Describes turning a stream of feature requests from many customers into a single underlying need, reasoning from how customers actually use the product, redirecting a roadmap accordingly, and showing measurable adoption or retention gains while keeping the requesting customers on side.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["customer-obsession", "first-principles"],
  },
  {
    slug: "holding-the-line-in-review",
    title: "Raising the bar: holding the line on quality",
    prompt:
      "Tell me about a time you held a piece of work to a higher standard than its author expected, in a code review, a design review or a launch checklist, and it was uncomfortable to do. What was the gap, how did you raise it, and what happened?",
    followUps: [
      "How did you decide the issue was worth blocking on rather than a nit?",
      "How did the author take it, and how is your working relationship now?",
      "Tell me about a time you let something through that you should have blocked.",
    ],
    hints: [
      "Explain the cost of the gap had it shipped.",
      "Describe how you helped the author meet the bar, not only how you stopped them.",
    ],
    goodAnswerL4:
      "Describes blocking, for example, a senior colleague's change that lacked tests on a failure path, explains the risk with a concrete scenario, offers to pair on the tests, and the change ships a few days later; acknowledges a case where they were too lenient and what they learned.",
    goodAnswerL6:
      "Describes holding a launch or a design from a respected peer or another team to a higher bar under deadline pressure, frames it in terms of customer and company risk, helps find a path to meet the bar, and turns the case into a clearer written standard so future reviews do not depend on one person.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["raising-the-bar"],
  },
  {
    slug: "inherited-system-raised",
    title: "Raising the bar: a system you inherited",
    prompt:
      "Tell me about a system or codebase you inherited that was below the standard you expected. How did you decide what to improve first, how did you balance that against feature work, and what did customers notice?",
    followUps: [
      "What measurements told you where the problems were?",
      "How did you get time for the work from your manager or product partner?",
      "What standard did you leave behind for the next owner?",
      "What did you decide not to fix, and why?",
    ],
    hints: [
      "Start from what hurt customers or on-call engineers most.",
      "Show the before and after in numbers: incidents, page volume, deploy time.",
    ],
    goodAnswerL4:
      "Describes taking over a service with frequent pages, ranking problems by customer impact, fixing the top causes, adding tests and runbooks, and showing page volume and customer-facing errors falling by a stated amount while still delivering planned features.",
    goodAnswerL6:
      "Describes inheriting a critical platform across several teams, setting an explicit quality bar such as SLOs and review requirements, negotiating capacity for the work with leadership using incident and customer data, and leaving a standard other teams adopted, with sustained results.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["raising-the-bar", "customer-obsession"],
  },
  {
    slug: "stopped-own-project",
    title: "Company first: stopping your own project",
    prompt:
      "Tell me about a time you recommended stopping or shrinking a project you had championed, because the evidence showed the company was better served elsewhere. What changed your view, and how did you handle the people who had worked on it?",
    followUps: [
      "When did you first have doubts, and how long did you wait before saying so?",
      "What did you lose personally by stopping it?",
      "What happened to the people and the work afterwards?",
    ],
    hints: [
      "Be honest about the sunk cost and how it pulled on you.",
      "Describe the evidence that changed your mind and who you shared it with first.",
    ],
    goodAnswerL4:
      "Describes a project they proposed, such as a custom tool, and later data showing an existing internal platform covered the need; recommends stopping, migrates to the shared platform, and the team's time goes to higher-value work, with a lesson about validating demand earlier.",
    goodAnswerL6:
      "Describes winding down a visible initiative they led when metrics or strategy shifted, presenting the case to leadership themselves, redeploying people to company priorities with care for their careers, and showing the outcome in cost saved or impact gained elsewhere.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["company-first", "truth-seeking"],
  },
  {
    slug: "cost-from-fundamentals",
    title: "First principles: spending the company's money well",
    prompt:
      "Tell me about a time you significantly reduced what a system cost to run by working out what it should cost from the basics, such as data volume, compute needed and access patterns, rather than trimming around the edges. What did you find, and what did you change?",
    followUps: [
      "What was your estimate of the theoretical cost, and how far was reality from it?",
      "Why had nobody done this before?",
      "What did the saving cost in engineering time, reliability or features?",
    ],
    hints: [
      "Walk through the arithmetic: bytes, cores, hours, price.",
      "Say who owned the budget and why you cared about it.",
    ],
    goodAnswerL4:
      "Describes estimating, for example, that a nightly job needed about 200 core-hours for the data it touched but was using 2,000, tracing the gap to rereading the full history, switching to incremental processing, and reporting the monthly saving and any trade-off in freshness.",
    goodAnswerL6:
      "Describes building a cost model of a platform from usage and hardware figures, using it to find the structural waste across many teams' workloads, driving changes such as storage layout or cluster policies, and reporting savings at the scale of the organisation's budget while weighing the engineering cost.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["first-principles", "company-first"],
  },
  {
    slug: "back-of-envelope-decision",
    title: "First principles: deciding from an estimate",
    prompt:
      "Tell me about a time you made an important technical decision quickly using a back-of-the-envelope estimate instead of waiting for a full benchmark or study. What numbers did you use, and how close was the estimate to what happened?",
    followUps: [
      "Which assumption in the estimate were you least sure of?",
      "What result would have made you reverse the decision?",
      "When did you get real data, and did it confirm the estimate?",
    ],
    hints: [
      "Talk through the arithmetic as you did at the time.",
      "Explain why a rough estimate was good enough for this decision.",
    ],
    goodAnswerL4:
      "Describes estimating, for example, the memory needed to broadcast a lookup table from its row count and row size, deciding in an hour instead of a week of testing, and later measuring within a reasonable margin of the estimate, with a note on the assumption that was off.",
    goodAnswerL6:
      "Describes a capacity or architecture decision for several teams made from a careful order-of-magnitude model, identifies the sensitive assumptions and monitors them, commits quickly to hit a window, and reflects on how accurate the model proved and how they improved it.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["first-principles", "bias-for-action"],
  },
  {
    slug: "review-feedback-proved-wrong",
    title: "Truth-seeking: feedback that showed you were wrong",
    prompt:
      "Early in a career, a lot of learning comes from reviews. Tell me about a piece of feedback on your work, in a code review, a project or an internship, that showed you had something wrong. How did you take it at first, and what did you do with it?",
    followUps: [
      "Did you agree straight away? What made you accept it, or push back?",
      "What did you change in that piece of work, and what did you change in how you work?",
      "Have you since given someone else similar feedback?",
    ],
    hints: [
      "A small technical example is fine if the lesson was real.",
      "Describe what you checked to understand why the reviewer was right.",
    ],
    goodAnswerL4:
      "Describes, for example, a reviewer pointing out that their change was not safe under concurrent writes, reproducing the problem to understand it rather than just applying the fix, thanking the reviewer, and now writing a concurrency test for similar changes.",
    goodAnswerL6:
      "Even at senior levels the story shows they seek out critique of their own work, for example asking a respected peer to attack a design, and describes a substantive flaw found that way, the change made, and how they encourage the same openness in their teams.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["truth-seeking"],
  },
  {
    slug: "raised-hiring-bar",
    title: "Raising the bar: the people you hire",
    prompt:
      "Tell me about a time you raised the bar for who your team or organisation hires, through how you interviewed, how you calibrated with others, or a hire you argued against. What did you change, and how did you know it made the team stronger?",
    followUps: [
      "Tell me about a candidate you argued against when others wanted to hire them. What was your evidence?",
      "How did you avoid raising the bar in a way that only selected people like you?",
      "What did the change cost in time to fill roles, and was it worth it?",
    ],
    hints: [
      "Focus on a mechanism, such as a new question, a rubric or calibration sessions.",
      "Outcomes might be performance of the people hired or fewer mis-hires.",
    ],
    goodAnswerL4:
      "Describes improving their own interviewing, such as replacing a trivia question with a realistic exercise and a written rubric, sharing it with the team, and seeing more consistent feedback from interviewers.",
    goodAnswerL6:
      "Describes reshaping hiring across several teams, such as defining level-specific rubrics and running calibration, holding the bar under pressure to fill headcount, watching for bias in the process, and showing better outcomes in the strength and retention of people hired.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["raising-the-bar"],
  },
];
