import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell";
import { getEnv } from "~/env.server";
import { requireUser } from "~/modules/identity/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    user: {
      name: user.name,
      timeZone: user.timeZone,
      credits: user.credits,
      isAdmin: user.isAdmin,
    },
    showOutbox: !getEnv().isProduction,
  };
}

export default function AppLayout() {
  const { user, showOutbox } = useLoaderData<typeof loader>();
  return (
    <AppShell
      userName={user.name}
      credits={user.credits}
      isAdmin={user.isAdmin}
      showOutbox={showOutbox}
    >
      <Outlet />
    </AppShell>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
