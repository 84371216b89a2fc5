import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Admin · Peerloop" }];

// Admins are people with users.is_admin set (by hand, or the demo seed): there is no
// page that makes someone an admin, on purpose.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const ADMIN_PAGES = [
  {
    to: "/admin/economy",
    title: "Economy",
    text: "Credits in, out, held and owed, and whether they add up.",
  },
  {
    to: "/admin/disputes",
    title: "No-show disputes",
    text: "Disputed no-shows waiting for a decision.",
  },
  {
    to: "/admin/grants",
    title: "Interviewer grants",
    text: "Let seed experts interview one-way for a round and level.",
  },
];

export default function AdminIndex() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Admin</h1>
      </div>
      <ul className="plain-list">
        {ADMIN_PAGES.map((page) => (
          <li key={page.to} className="card">
            <h2>
              <Link to={page.to}>{page.title}</Link>
            </h2>
            <p className="hint">{page.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
