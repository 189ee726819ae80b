// GET /api/agent/v1/commands?waitSeconds=0..30 — long-poll for the host's signed commands (60 s lease)

import { pollCommands } from "@/lib/commands/deliver-commands";
import { withAgent } from "@/lib/http/with-agent";

export const dynamic = "force-dynamic";

export const GET = withAgent(async (req, { host }) =>
  noStore({
    commands: await pollCommands(
      host,
      Object.fromEntries(new URL(req.url).searchParams),
      req.signal,
    ),
  }),
);

function noStore(data: unknown) {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
