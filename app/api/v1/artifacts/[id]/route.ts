// GET|DELETE /api/v1/artifacts/{id} — one artifact with its custody chain and verification; delete its bytes (leads, not under legal hold)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { clientIp } from "@/lib/auth/client-ip";
import { getArtifact } from "@/lib/artifacts/get-artifact";
import { deleteArtifact } from "@/lib/artifacts/delete-artifact";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = withUser<P>(async (_req, { params }) => json(await getArtifact(params.id)), { permission: "artifacts:read" });

export const DELETE = withUser<P>(
  async (req, { user, params }) => json(await deleteArtifact(params.id, await readJson(req, 16 * 1024), user, clientIp(req.headers))),
  { permission: "artifacts:delete" },
);
