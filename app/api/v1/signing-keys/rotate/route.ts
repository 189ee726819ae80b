// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { rotateSigningKeyFromBody } from "@/lib/signing/rotate-signing-key";

export const POST = withUser(async (req, { user, actor }) => json(await rotateSigningKeyFromBody(await readJson(req), actor), { status: 201 }), { permission: "settings:manage" });
