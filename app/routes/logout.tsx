import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endAuthSession } from "~/modules/identity/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endAuthSession(request);
  throw redirect("/login", { headers: { "Set-Cookie": cookie } });
}

// Logging out changes state, so it is a POST; a visit to /logout just goes home.
export function loader() {
  throw redirect("/");
}
