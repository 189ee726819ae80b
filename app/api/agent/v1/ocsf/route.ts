// POST /api/agent/v1/ocsf — OCSF 1.x events from a host, mapped onto agent events and ingested like /events

import { ingestOcsf } from "@/lib/events/ingest-ocsf";
import { readJson } from "@/lib/http/read-json";
import { withAgent } from "@/lib/http/with-agent";
import { withIngestLimit } from "@/lib/http/with-ingest-limit";
import { MAX_BODY_BYTES } from "@/lib/protocol/events";

export const POST = withIngestLimit(
  withAgent(async (req, { host }) =>
    Response.json(await ingestOcsf(host, await readJson(req, MAX_BODY_BYTES)), {
      headers: { "cache-control": "no-store" },
    }),
  ),
);
