// POST|DELETE /api/v1/incidents/{key or id}/legal-hold — apply or release a legal hold (with a reason) that blocks artifact purge and deletion

import { applyLegalHold } from "@/lib/artifacts/apply-legal-hold";
import { releaseLegalHold } from "@/lib/artifacts/release-legal-hold";
import { clientIp } from "@/lib/auth/client-ip";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";
type P = { ref: string };

export const POST = withUser<P>(
  async (req, { user, params }) =>
    json(
      await applyLegalHold(params.ref, await readJson(req, 16 * 1024), user, clientIp(req.headers)),
    ),
  { permission: "incidents:legal_hold" },
);
export const DELETE = withUser<P>(
  async (req, { user, params }) =>
    json(
      await releaseLegalHold(
        params.ref,
        await readJson(req, 16 * 1024),
        user,
        clientIp(req.headers),
      ),
    ),
  { permission: "incidents:legal_hold" },
);
