// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { rotateSigningKeyFromBody } from "@/lib/key-rotation/rotate-signing-key";

export const POST = withUser(
  async (req, { actor }) =>
    json(await rotateSigningKeyFromBody(await readJson(req), actor), { status: 201 }),
  { permission: "settings:manage" },
);
