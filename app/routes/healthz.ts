import { isDatabaseHealthy } from "#db/client";

// Liveness and readiness in one: 200 when the database answers, 503 when it does not.
export async function loader() {
  const database = (await isDatabaseHealthy()) ? "ok" : "unreachable";
  return Response.json(
    { status: database === "ok" ? "ok" : "degraded", database },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
