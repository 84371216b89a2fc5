import { MAX_PLANS_PER_PERSON } from "./plan-form";
import type { PlanProblem } from "./plan-schedule";

// What the planner says, in one place: the refusals of a save and the problems of a plan.

export const PLAN_WRITE_MESSAGES = {
  too_many_plans: `You can keep at most ${MAX_PLANS_PER_PERSON} plans. Delete one you are done with first.`,
  loop_taken: "You already have a plan for this loop: change that one instead.",
  not_found: "That loop, track or level is not in the catalog any more. Choose again.",
} as const;

export function describeProblem(problem: PlanProblem): string {
  switch (problem.kind) {
    case "onsite_passed":
      return "Your onsite date has passed. If it moved, change the date below; if it is over, delete this plan.";
    case "no_hours":
      return "You have set no hours a week, so nothing can be planned. Add some hours below.";
    case "short_of_hours":
      return `Your hours hold ${problem.wanted - problem.missing} of the ${problem.wanted} mocks this plan wants: ${problem.missing} do not fit. Add hours, or move the onsite later.`;
    case "phone_screen_after_onsite":
      return "Your phone screen is on or after your onsite. Check both dates.";
  }
}
