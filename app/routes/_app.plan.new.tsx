import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PlanForm } from "~/components/plan-form";
import { PlanTabs } from "~/components/plan-tabs";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { localDateOf } from "~/modules/availability/zoned-time";
import { requireUser } from "~/modules/identity/auth.server";
import { getTarget } from "~/modules/identity/profile.server";
import { MAX_PLANS_PER_PERSON, makePlanSchema } from "~/modules/plan/plan-form";
import { PLAN_WRITE_MESSAGES } from "~/modules/plan/plan-messages";
import { listPlanTabs } from "~/modules/plan/plan-page.server";
import { createPlan, getPlanOptions } from "~/modules/plan/plans.server";

export const meta: MetaFunction = () => [{ title: "New plan · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tabs, options, target] = await Promise.all([
    listPlanTabs(user.id),
    getPlanOptions(),
    getTarget(user.id),
  ]);
  // The profile's target first, unless it has a plan already; else the first loop without one.
  const planned = new Set(tabs.map((t) => t.loopSlug));
  const fromProfile = target?.targetLoop && !planned.has(target.targetLoop);
  const loop = fromProfile
    ? target.targetLoop
    : (options.loops.find((l) => !planned.has(l.slug))?.slug ?? options.loops[0]?.slug);
  return {
    tabs,
    full: tabs.length >= MAX_PLANS_PER_PERSON,
    options,
    today: localDateOf(user.timeZone, Date.now()),
    defaults: {
      loop,
      track: fromProfile ? target.targetTrack : undefined,
      level: fromProfile ? target.targetLevel : undefined,
      hoursPerWeek: "6",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const today = localDateOf(user.timeZone, Date.now());
  const submission = parseForm(
    await readForm(request),
    makePlanSchema(await getPlanOptions(), today),
  );
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const saved = await createPlan(user.id, submission.value);
  if (saved.ok) throw redirect(`/plan/${saved.id}`);
  const reply =
    saved.error === "too_many_plans"
      ? submission.reply({ formErrors: [PLAN_WRITE_MESSAGES.too_many_plans] })
      : submission.reply({
          fieldErrors: { loop: [PLAN_WRITE_MESSAGES[saved.error]] },
        });
  return data({ result: reply }, { status: saved.error === "not_found" ? 400 : 409 });
}

export default function NewPlan() {
  const { tabs, full, options, today, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Plan a loop</h1>
        <p>
          Give the loop, your target level and your dates: the plan lays out your mocks backwards
          from the onsite.
        </p>
      </div>
      {tabs.length > 0 ? <PlanTabs tabs={tabs} current="new" canAdd /> : null}
      <section className="card" aria-labelledby="new-plan-heading">
        <h2 id="new-plan-heading">A new plan</h2>
        {full ? (
          <p className="notice notice--warning">
            {PLAN_WRITE_MESSAGES.too_many_plans} <Link to="/plan">Your plans</Link>
          </p>
        ) : (
          <PlanForm
            id="plan-new"
            intent="create"
            options={options}
            today={today}
            defaultValue={defaults}
            lastResult={actionData?.result}
            submitLabel="Make the plan"
          />
        )}
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
