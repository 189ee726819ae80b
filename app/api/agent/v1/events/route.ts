// POST /api/agent/v1/events — batch ingest from a host (atomic, idempotent by host + eventId)

import { ingestEvents } from "@/lib/events/ingest-events";
import { readJson } from "@/lib/http/read-json";
import { withAgent } from "@/lib/http/with-agent";
import { withIngestLimit } from "@/lib/http/with-ingest-limit";
import { MAX_BODY_BYTES } from "@/lib/protocol/events";

export const POST = withIngestLimit(
  withAgent(async (req, { host }) =>
    Response.json(await ingestEvents(host, await readJson(req, MAX_BODY_BYTES)), {
      headers: { "cache-control": "no-store" },
    }),
  ),
);
