// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire
import { z } from "zod";
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { rotateSigningKey } from "@/lib/signing/rotate-signing-key";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser(
  async (req, { user }) => {
    // An explicit confirmation: rotation is not something a stray POST should do.
    if (!z.object({ confirm: z.literal("rotate") }).strict().safeParse(await readJson(req)).success) {
      throw new AppError("invalid_input", 'Send { "confirm": "rotate" } to rotate the signing key.', { errors: [{ path: "confirm", message: 'must be "rotate"' }] });
    }
    return json(await rotateSigningKey(userActor(user)), { status: 201 });
  },
  { permission: "settings:manage" },
);
