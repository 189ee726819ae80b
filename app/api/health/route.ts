// GET /api/health — liveness and database reachability, for load balancers and start scripts
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

// Plain Response.json rather than with-user's json helper: the probe must not load the
// session code (next-auth) it has no use for.
const reply = (body: object, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return reply({ status: "ok" });
  } catch {
    return reply({ status: "degraded", database: "unreachable" }, 503, { "retry-after": "2" });
  }
}
