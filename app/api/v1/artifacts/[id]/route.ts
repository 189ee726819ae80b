// GET|DELETE /api/v1/artifacts/{id} — one artifact with its custody chain and verification; delete its bytes (leads, not under legal hold)

import { deleteArtifact } from "@/lib/artifacts/delete-artifact";
import { getArtifact } from "@/lib/artifacts/get-artifact";
import { clientIp } from "@/lib/auth/client-ip";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = withUser<P>(async (_req, { params }) => json(await getArtifact(params.id)), {
  permission: "artifacts:read",
});

export const DELETE = withUser<P>(
  async (req, { user, params }) =>
    json(
      await deleteArtifact(params.id, await readJson(req, 16 * 1024), user, clientIp(req.headers)),
    ),
  { permission: "artifacts:delete" },
);
