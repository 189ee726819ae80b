// GET /api/health — liveness and database reachability, for load balancers and start scripts
import { getDb } from "@/lib/db";
import { json } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return json({ status: "ok" });
  } catch {
    return json(
      { status: "degraded", database: "unreachable" },
      { status: 503, headers: { "retry-after": "2" } },
    );
  }
}
