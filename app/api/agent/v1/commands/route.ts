// GET /api/agent/v1/commands?waitSeconds=0..30 — long-poll for the host's signed commands (60 s lease)
import { withAgent } from "@/lib/http/with-agent";
import { AppError } from "@/lib/errors/app-error";
import { pollQuery } from "@/lib/commands/schemas";
import { pollCommands } from "@/lib/commands/deliver-commands";

export const dynamic = "force-dynamic";

export const GET = withAgent(async (req, { host }) => {
  const q = pollQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) throw new AppError("invalid_input", "waitSeconds must be an integer from 0 to 30.", { errors: q.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  return noStore({ commands: await pollCommands(host, q.data.waitSeconds, req.signal) });
});

function noStore(data: unknown) {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
