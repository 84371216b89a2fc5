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
];
