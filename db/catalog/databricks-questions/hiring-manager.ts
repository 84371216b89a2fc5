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
  {
    slug: "disagreed-with-leadership",
    title: "Disagreeing with leadership",
    prompt:
      "Tell me about a time you disagreed with a decision made by your manager, a director or someone more senior still. How did you raise it, what happened, and how did you work with that person afterwards?",
    followUps: [
      "What did you understand about their constraints that you did not at first?",
      "Did you go around them at any point? Why or why not?",
      "If the decision stood, how did you explain it to your team?",
      "Looking back, who was right?",
    ],
    hints: [
      "Describe the setting where you raised it: one-to-one, a review, in writing.",
      "What you did after the decision matters as much as the argument.",
    ],
    goodAnswerL4:
      "Describes disagreeing with a manager about, for example, a deadline that required skipping testing, raising it privately with a concrete risk and an alternative plan, accepting a compromise, and following through without resentment, with an honest view of how it turned out.",
    goodAnswerL6:
      "Describes challenging a direction set by senior leadership, such as a platform consolidation, with a written case grounded in data, understanding the business pressures behind it, proposing options rather than a veto, committing once decided and representing the decision faithfully to their teams while tracking the risks they had named.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["conflict", "leadership"],
  },
  {
    slug: "standard-built-from-nothing",
    title: "A team practice you built",
    prompt:
      "Tell me about an engineering practice your team did not have until you introduced it, such as design docs, an on-call rotation, a launch checklist or an evaluation harness. Why did it matter, how did you get people to adopt it, and is it still used?",
    followUps: [
      "What did people push back on, and what did you change because of it?",
      "How did you know the practice was paying for itself?",
      "What did you deliberately leave out to keep it light?",
    ],
    hints: [
      "Start with the problem the practice solved, not the practice.",
      "Adoption is the hard part; describe how it spread beyond you.",
    ],
    goodAnswerL4:
      "Describes introducing, for example, a short design-doc template after two projects went off course, piloting it on their own work, adjusting it from feedback, and showing it became the team default with fewer late redesigns.",
    goodAnswerL6:
      "Describes establishing a practice across several teams, such as an ML model launch review, designing it to be lightweight, winning over sceptical tech leads, assigning ownership so it survives them, and showing lasting results such as fewer rollbacks or faster reviews.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["standards", "team-building"],
  },
  {
    slug: "building-a-team",
    title: "Building or reshaping a team",
    prompt:
      "Tell me about a time you helped build a team or significantly changed its make-up: hiring, onboarding, splitting or merging teams. What did you look for in people, what did you get wrong, and what did the team become?",
    followUps: [
      "How did you decide which skills the team was missing?",
      "Tell me about a hire or placement that did not work out, and what you learned.",
      "How did you get new people productive quickly?",
      "How did the team's culture change, and what did you do to shape it?",
    ],
    hints: [
      "Interviewing, onboarding and mentoring all count even if you were not the manager.",
      "Describe a decision you made about people, not only about the work.",
    ],
    goodAnswerL4:
      "Describes taking part in hiring and onboarding, for example writing an interview exercise or an onboarding guide that cut ramp-up time, and gives a clear view of what makes someone succeed on the team.",
    goodAnswerL6:
      "Describes shaping a team from a handful of people to a larger group, defining the skills and seniority mix, raising the interview bar, designing onboarding, admitting a hiring mistake and how it was handled, and showing what the team could do at the end that it could not at the start.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["team-building", "hiring"],
  },
  {
    slug: "competing-demands-on-platform",
    title: "Many teams, one roadmap",
    prompt:
      "Suppose several teams depend on a system you own and each one says its request is the most urgent. Tell me about a time this happened to you: how did you decide what to do first, and how did you handle the teams you said no to?",
    followUps: [
      "What information did you gather before deciding?",
      "How did you make the trade-off visible to the teams and to leadership?",
      "Did anyone escalate over your head? What happened?",
    ],
    hints: [
      "Describe the criteria you used, such as customer impact, revenue or risk.",
      "Saying no well is part of the answer; describe how you did it.",
    ],
    goodAnswerL4:
      "Describes, for example, three teams asking for changes to a shared pipeline in the same sprint, gathering the deadline and impact behind each, agreeing an order with their manager, explaining it to each team with a date, and delivering against it.",
    goodAnswerL6:
      "Describes turning constant competing requests into a transparent prioritisation process for a platform, with a published roadmap, criteria tied to company goals and a regular review with stakeholder teams, reducing escalations and building trust even among teams that did not get their way.",
    minLevel: "L4",
    maxLevel: "L6",
    topics: ["ambiguity", "prioritization"],
  },
  {
    slug: "system-through-growth",
    title: "Taking a system through rapid growth",
    prompt:
      "Tell me about a system you were responsible for while its load, data or number of users grew by ten times or more. What broke first, technically and in how the team worked, and how did you stay ahead of it?",
    followUps: [
      "What did you see coming, and what surprised you?",
      "Which decisions from the early days held up, and which did you have to undo?",
      "How did the team's process or structure have to change?",
    ],
    hints: [
      "Give the growth in numbers and over what period.",
      "People and process usually break alongside the technology; mention both.",
    ],
    goodAnswerL4:
      "Describes a service or pipeline whose volume grew quickly, the first bottleneck they hit such as a single database or a job that outgrew its window, the fix they delivered, and the monitoring they added to see the next limit coming.",
    goodAnswerL6:
      "Describes leading a platform through an order-of-magnitude increase, planning capacity from growth projections, sequencing re-architecture work without stopping the business, reorganising ownership as the team grew, and reflecting on which early bets paid off and which were costly.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["ambiguity", "scale"],
  },
  {
    slug: "rescued-troubled-project",
    title: "Taking over a project in trouble",
    prompt:
      "Tell me about a time you took over or stepped into a project that was late, over budget or losing the confidence of its stakeholders. What did you find, what did you change first, and where did it end up?",
    followUps: [
      "How did you work out what was really wrong, as opposed to what people said was wrong?",
      "What did you have to cut, and who did you have to tell?",
      "How did you rebuild the team's morale and the stakeholders' trust?",
    ],
    hints: [
      "Describe the first two weeks in some detail.",
      "Be honest if the project was only partly saved.",
    ],
    goodAnswerL4:
      "Describes stepping in on a slipping feature, listing the remaining work honestly, cutting scope with the product owner, fixing the main technical blocker and delivering a reduced version close to the new date, with a clear account of what was lost.",
    goodAnswerL6:
      "Describes taking over a struggling cross-team programme, diagnosing root causes in scope, design and communication, resetting the plan and expectations with leadership, making hard calls on people and scope, and bringing it to a measurable result with lessons applied to later programmes.",
    minLevel: "L5",
    maxLevel: "L7",
    topics: ["ambiguity", "leadership"],
  },
  {
    slug: "multi-year-bet",
    title: "A technical bet over several years",
    prompt:
      "Tell me about a technical direction you set that took more than a year to pay off. How did you make the case for it at the start, how did you keep it funded and on track when results were slow, and what did the organisation get from it?",
    followUps: [
      "What early milestones did you use to show it was working?",
      "When were you closest to it being cancelled, and what did you do?",
      "What would have told you the bet was wrong, and did you look for it?",
      "How did the direction change as the industry changed around it?",
    ],
    hints: [
      "Describe the strategy in one or two sentences before the details.",
      "Name the leaders you had to convince and what they cared about.",
    ],
    goodAnswerL4:
      "An L4 candidate would rarely own such a bet; a good answer describes a long project they contributed to, the part they owned, and what they learned about how long-term direction is set and sustained.",
    goodAnswerL6:
      "Describes a multi-year platform or architecture direction, the written strategy and its leading indicators, incremental deliveries that kept support, adjusting the plan as evidence came in, and organisation-wide outcomes such as new products enabled or costs avoided, with honest reflection on what they would change.",
    minLevel: "L6",
    maxLevel: "L7",
    topics: ["strategy", "ambiguity"],
  },
  {
    slug: "working-style-and-management",
    title: "How you work best",
    prompt:
      "Tell me about the best manager or team you have worked with, and the hardest. What made the difference for you, and what should I know about how you work best if you join this team?",
    followUps: [
      "How do you like to receive feedback, and what is the hardest feedback you have acted on?",
      "How much direction do you want when starting on something new?",
      "What do you do when you and your manager see your performance differently?",
    ],
    hints: [
      "Talk about specific behaviours, not personalities.",
      "Include what you did to make the hard situation work.",
    ],
    goodAnswerL4:
      "Describes concrete behaviours that helped them, such as clear goals and frequent feedback, a difficult situation they handled constructively, and a realistic picture of the support they need at this stage, showing self-awareness and coachability.",
    goodAnswerL6:
      "Describes what they need to do their best work and what they give to a manager in return, such as raising risks early and running their area with little oversight, reflects on a difficult relationship they improved, and shows how they adapt to different management styles.",
    minLevel: "L3",
    maxLevel: "L6",
    topics: ["motivation", "fit"],
  },
  {
    slug: "learning-new-domain",
    title: "Getting up to speed in something new",
    prompt:
      "Tell me about the last time you had to become productive in a codebase, tool or domain you did not know. What did you do in the first weeks, when did you ask for help, and how long did it take before you were contributing on your own?",
    followUps: [
      "What was the first thing you shipped, and how long did it take?",
      "How did you decide when you had been stuck long enough to ask someone?",
      "What would you do in your first month here to learn our stack?",
    ],
    hints: [
      "Concrete learning steps matter more than saying you learn fast.",
      "A course project or internship is a fine example early in a career.",
    ],
    goodAnswerL4:
      "Describes a deliberate approach: reading the design docs, tracing a request end to end, picking a small real bug to fix early, asking focused questions after a timeboxed attempt, and shipping a meaningful change within a few weeks.",
    goodAnswerL6:
      "Describes ramping up quickly in a new area while also leading, for example learning a new system by interviewing its owners and users, forming a view of its problems within weeks, and using that to make early decisions, with awareness of what they still did not know.",
    minLevel: "L3",
    maxLevel: "L4",
    topics: ["growth", "coachability"],
  },
  {
    slug: "revisit-technical-depth",
    title: "Revisit: depth in a technical area",
    prompt:
      "One interviewer was not sure how deep your experience with one area goes. (Interviewer: name the area and round, for example Spark memory tuning from the deep dive or streaming from ML design.) Take me through the hardest real problem you solved in that area, as technically as you like.",
    followUps: [
      "What did you personally debug or decide, and what did others do?",
      "What is something in that area you still find confusing?",
      "If the same problem came up here tomorrow, what would you check first?",
      "Why do you think this did not come across in the earlier round?",
    ],
    hints: [
      "Go deep on one real example rather than broad on many.",
      "Specifics such as the error, the metric and the fix show depth better than terminology.",
    ],
    goodAnswerL4:
      "Picks a real problem in the area, for example an executor running out of memory on a skewed join, and explains the symptoms, how they diagnosed it and the fix with accurate detail, clearly separating their own work from the team's and candid about the limits of their knowledge.",
    goodAnswerL6:
      "Gives an expert account of a hard problem in the area, including the mechanisms underneath, alternatives considered and why they were rejected, and how the lesson was turned into a platform or team standard; addresses the earlier concern directly and without defensiveness.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["flagged-areas", "technical-depth"],
  },
  {
    slug: "revisit-design-decision",
    title: "Revisit: a choice from the design round",
    prompt:
      "In the design round you made a choice the interviewer wanted to probe further. (Interviewer: state the choice, for example batch features instead of streaming, or a single region.) Walk me through your reasoning again now that you have had time to think. What would make you change it?",
    followUps: [
      "What does the alternative do better than your choice?",
      "What number or requirement, if it changed, would flip your decision?",
      "Have you made a similar choice in real work? How did it hold up?",
    ],
    hints: [
      "It is fine to say you would now choose differently; explain why.",
      "Tie the choice back to a specific requirement such as latency, cost or correctness.",
    ],
    goodAnswerL4:
      "Restates the requirement that drove the choice, explains the trade-off clearly, acknowledges where the alternative wins, and either defends the choice with a concrete reason or updates it openly when the reasoning no longer holds.",
    goodAnswerL6:
      "Reframes the choice in terms of the system's dominant constraints, names the thresholds at which they would switch, draws on a real system where they faced the same trade-off, and shows the kind of judgement that would let them make this call for several teams.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["flagged-areas", "design-judgement"],
  },
  {
    slug: "revisit-values-signal",
    title: "Revisit: a value the behavioral round could not confirm",
    prompt:
      "The values interview did not give us a clear picture on one point. (Interviewer: name the value, for example how the candidate handles being wrong, or deciding with incomplete data.) Give me a different example from the ones you used before that shows how you behave in that situation.",
    followUps: [
      "What was your role, in your own words, separate from the team's?",
      "What did it cost you personally?",
      "What would a colleague who disagreed with you at the time say about it?",
    ],
    hints: [
      "Choose a recent story with a clear outcome, even an unflattering one.",
      "Make sure your own actions are at the centre of the story.",
    ],
    goodAnswerL4:
      "Offers a fresh, specific story with clear personal actions and an honest outcome that speaks to the value in question, and shows some reflection on why the earlier answer may have fallen short.",
    goodAnswerL6:
      "Gives a high-stakes example that shows the value consistently under pressure and at scale, such as reversing their own decision in front of several teams, with candid reflection and evidence that the behaviour is a habit rather than a one-off.",
    minLevel: "L3",
    maxLevel: "L7",
    topics: ["flagged-areas", "values"],
  },
  {
    slug: "revisit-level-scope",
    title: "Revisit: scope for the target level",
    prompt:
      "Some of the loop's feedback placed your work below the level we are interviewing you for. (Interviewer: say which rounds and what was missing, for example cross-team influence or owning a design end to end.) Tell me about the work you think best demonstrates that scope, and help me see what you owned.",
    followUps: [
      "Who else worked on it, and what would they say your role was?",
      "What decision in that work could only have been made by someone at the target level?",
      "If we offered the level below, how would you think about it?",
    ],
    hints: [
      "Scope means who depended on your decisions, not how hard you worked.",
      "Be specific about what you decided versus what you carried out.",
    ],
    goodAnswerL4:
      "For a mid-level target, gives an example of owning a feature from design through launch and its aftermath, with clear independent decisions, and responds calmly and thoughtfully to the possibility of a different level.",
    goodAnswerL6:
      "For a staff or principal target, describes work where they set direction across teams, the mechanisms they used to influence others, and organisation-level results, and discusses the levelling question maturely without either dismissing the concern or overselling.",
    minLevel: "L4",
    maxLevel: "L7",
    topics: ["flagged-areas", "leveling"],
  },
];
