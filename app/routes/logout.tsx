import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/http/read-form.server";
import { endAuthSession } from "~/modules/identity/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  // Nothing in the form matters, but it is read (bounded, like every action's): answering
  // while a large body was still arriving reset the connection under the client.
  await readForm(request);
  const cookie = await endAuthSession(request);
  throw redirect("/login", { headers: { "Set-Cookie": cookie } });
}

// Logging out changes state, so it is a POST; a visit to /logout just goes home.
export function loader() {
  throw redirect("/");
}
