// POST /api/agent/v1/enroll — trade a one-time enrollment token for a host id and credential

import { clientIp } from "@/lib/auth/client-ip";
import { enrollHost } from "@/lib/hosts/enroll-host";
import { assertEnrollAllowed } from "@/lib/hosts/enroll-rate-limit";
import { readJson } from "@/lib/http/read-json";
import { withPublic } from "@/lib/http/with-agent";

// Agent routes do not import the user wrapper: agent and user credentials are separate worlds.
export const POST = withPublic(async (req) => {
  // Throttle before reading anything: the limiter is what makes token guessing slow.
  assertEnrollAllowed(clientIp(req.headers));
  const result = await enrollHost(await readJson(req, 1 << 20));
  return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
});
