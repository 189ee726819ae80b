// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire
import { withUser, json } from "@/lib/http/with-user";
import { rotateSigningKey } from "@/lib/signing/server-keys";
import { getDb } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";

export const POST = withUser(
  async (_req, { user }) => {
    const out = await rotateSigningKey();
    const db = await getDb();
    await db.$transaction((tx) => appendAudit(tx, { actor: { type: "user", id: user.id, label: user.email }, action: "signing_key.rotated", target: { type: "signing_key", id: out.kid }, details: out }));
    return json(out, { status: 201 });
  },
  { permission: "settings:manage" },
);
