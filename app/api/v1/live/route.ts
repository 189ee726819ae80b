// GET /api/v1/live?incident={key or id}&command={id} — server-sent change events for the incident and command pages
import { withUser } from "@/lib/http/with-user";
import { streamChanges } from "@/lib/live/stream-changes";

export const dynamic = "force-dynamic";

export const GET = withUser(
  async (req) =>
    new Response(await streamChanges(Object.fromEntries(req.nextUrl.searchParams), req.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    }),
  { permission: "incidents:read" },
);
