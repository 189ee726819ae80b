// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { rotateSigningKeyFromBody } from "@/lib/signing/rotate-signing-key";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser(async (req, { user }) => json(await rotateSigningKeyFromBody(await readJson(req), userActor(user)), { status: 201 }), { permission: "settings:manage" });
