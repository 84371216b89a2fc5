import type { QuestionDefinition } from "../question-types";

// The hiring-manager round of the Databricks loop. Written in our own words from the topics in
// the domain brief; together the questions span L3..L7.

export const hiringManager: QuestionDefinition[] = [
  {
    slug: "career-arc",
    title: "Your career arc and what is next",
    prompt:
      "Walk me through the major transitions in your career: why you made each move, what you learned, and where you want to be in three years. How does this role fit into that path?",
    followUps: [
      "Which move taught you the most, and what made it hard?",
      "What kind of work drains you, and how have you dealt with that?",
      "What would make this role a success for you after one year?",
    ],
    hints: [
      "Focus on the reasons behind each move rather than the list of employers.",
      "Be concrete about the next step you want.",
    ],
    goodAnswerL4:
      "Explains moves with clear reasons tied to learning and ownership, shows growth from executing tasks to owning features, and names a concrete next step that this role provides, such as owning a service end to end.",
    goodAnswerL6:
      "Presents a deliberate arc of increasing scope and influence, reflects on what each phase taught about leadership and technical judgement, and describes a three-year goal that aligns with the team's charter and the impact expected at staff level.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["career", "motivation"],
  },
  {
    slug: "ambiguity-at-scale",
    title: "Leading through ambiguity at scale",
    prompt:
      "Tell me about the most ambiguous problem you have owned, where neither the goal nor the approach was clear and several teams were involved. How did you create clarity, and what was the outcome?",
    followUps: [
      "How did you decide what not to do?",
      "Who did you need to align, and where did you meet the most resistance?",
      "How did you measure progress when the goal itself was moving?",
    ],
    hints: [
      "Describe the first few concrete steps you took to narrow the problem.",
      "Talk about how you communicated the plan as it changed.",
    ],
    goodAnswerL4:
      "Describes turning a vague request into a scoped project, for example by interviewing users, writing a short proposal with options and getting a decision, then delivering a first version and iterating. Shows initiative within a single team.",
    goodAnswerL6:
      "Describes framing a multi-team problem, building a shared problem statement and success metrics, breaking it into workstreams with owners, making explicit bets with checkpoints, and managing stakeholders through changing requirements to a measurable outcome.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["ambiguity", "leadership"],
  },
  {
    slug: "why-this-company-and-team",
    title: "Why this company and this team",
    prompt:
      "You have probably talked to several companies. Why are you interested in this one and in this team specifically, and what do you expect to be different here from your current role?",
    followUps: [
      "What do you know about the challenges this team is facing?",
      "What would make you decide another offer is the better choice?",
      "What would you need from me as your manager?",
    ],
    hints: [
      "Refer to something specific about the product or the team's work.",
      "Be honest about what you are weighing.",
    ],
    goodAnswerL4:
      "Refers to specific aspects of the product and the team's charter, connects them to experience and growth goals, and sets realistic expectations about the change from the current role and the support they need.",
    goodAnswerL6:
      "Shows informed understanding of the company's strategy and the team's position in it, identifies where they could change the trajectory, and discusses openly how they weigh competing opportunities and what they need to succeed.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["motivation"],
  },
  {
    slug: "revisit-flagged-area",
    title: "Revisiting an area the loop flagged",
    prompt:
      "Feedback from earlier rounds raised a question about one area. (Interviewer: name the area, for example depth in distributed systems or how the candidate handles disagreement.) Help me understand your experience there: give me a concrete example that shows where you really are.",
    followUps: [
      "What would the people who worked with you on that say?",
      "What are you doing to grow in this area right now?",
      "How would that gap affect your first months in this role, and how would you handle it?",
    ],
    hints: [
      "A specific example carries more weight than a general statement.",
      "It is fine to acknowledge a gap and describe how you are closing it.",
    ],
    goodAnswerL4:
      "Responds without defensiveness, offers a concrete example that addresses the concern, is honest about what was missing in the interview, and describes specific steps being taken to improve, such as a project or deliberate practice.",
    goodAnswerL6:
      "Gives strong evidence from high-scope work that addresses the concern directly, reflects on why it may not have come across in the round, and where a real gap exists, shows self-awareness and a credible plan including how they compensate through the team.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["flagged-areas", "self-awareness"],
  },
  {
    slug: "project-do-differently",
    title: "A project you would do differently",
    prompt:
      "Pick a project you delivered that did not go as well as you hoped. What went wrong, what was your part in it, and what would you do differently if you started again tomorrow?",
    followUps: [
      "When did you first sense it was going off track?",
      "What feedback did you get from your manager or peers?",
      "Have you had a chance to apply the lesson since?",
    ],
    hints: [
      "Own your part rather than focusing on others' mistakes.",
      "Make the lesson specific enough that someone else could apply it.",
    ],
    goodAnswerL4:
      "Names a real project with a clear shortfall, such as a missed deadline caused by underestimating a dependency, takes ownership of their contribution, and describes a specific practice they now use, like early spikes on risky integrations.",
    goodAnswerL6:
      "Describes a project where their technical or organisational judgement fell short, analyses root causes at the level of planning and alignment, and shows how the lesson changed how they run large projects and how they coach others.",
    minLevel: "L3",
    maxLevel: "L5",
    topics: ["self-awareness", "growth"],
  },
  {
    slug: "growing-others",
    title: "Growing the engineers around you",
    prompt:
      "Tell me about someone whose growth you significantly helped. Where did they start, what did you do, and where are they now? How do you think about multiplying your impact through others?",
    followUps: [
      "How did you adapt your approach to that person?",
      "Tell me about a time mentoring did not work.",
      "How do you balance mentoring against your own deliverables?",
    ],
    hints: [
      "Describe specific actions, such as pairing, delegation or feedback, not general encouragement.",
      "Mention the outcome from the other person's point of view.",
    ],
    goodAnswerL4:
      "Describes mentoring a newer teammate or intern through concrete actions, such as reviewing their designs and handing them a well-scoped component, and shows the result in their independence.",
    goodAnswerL6:
      "Describes a deliberate approach to growing several engineers, including sponsoring them for visible work, and shows results such as promotions or people leading projects, along with how they build mentoring into the team's practices.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["mentoring", "leadership"],
  },
  {
    slug: "technical-vision-first-year",
    title: "Setting technical direction in your first year",
    prompt:
      "Imagine you join and inherit an ML platform that several product teams depend on but complain about: it is slow to onboard, incidents are frequent and the roadmap is reactive. How would you spend your first 90 days, and what would you aim to have changed after a year?",
    followUps: [
      "How would you decide what to fix first?",
      "How would you get the product teams to trust the platform again?",
      "What would you measure to know the strategy is working?",
    ],
    hints: [
      "Start with how you would learn before proposing changes.",
      "Balance quick wins that build trust with longer-term structural work.",
    ],
    goodAnswerL4:
      "An L4 candidate rarely gets this question; a good answer focuses on learning the system and users, picking one painful problem such as onboarding to fix end to end, and measuring the improvement.",
    goodAnswerL6:
      "Lays out a listening phase with users and the team, synthesises the main problems with data on incidents and onboarding time, delivers visible quick wins while writing a one-year technical strategy with clear metrics, and describes how they would align leadership and product teams around it.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["strategy", "leadership"],
  },
];
