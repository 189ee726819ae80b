import "server-only";
import type { EventsReply } from "../protocol/events.ts";
import { type IngestHost, type IngestOptions, ingestEvents } from "./ingest-events.ts";
import { mapOcsfBatch } from "./map-ocsf.ts";

/** POST /ocsf: maps the OCSF batch (docs/OCSF.md) and ingests it exactly as POST /events
 *  does. `skipped` counts passed checks, which are not events to respond to; a batch of
 *  nothing else stores nothing and is still a 200, so a scanner's report is never refused
 *  for being clean. */
export async function ingestOcsf(
  host: IngestHost,
  raw: unknown,
  opts: IngestOptions = {},
): Promise<EventsReply & { skipped: number }> {
  const { events, skipped } = mapOcsfBatch(raw);
  if (!events.length)
    return { accepted: 0, duplicates: 0, incidentIds: [], skipped: skipped.length };
  return {
    ...(await ingestEvents(host, { events }, { ...opts, format: "ocsf" })),
    skipped: skipped.length,
  };
}
