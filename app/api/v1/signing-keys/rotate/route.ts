// POST /api/v1/signing-keys/rotate — add a new command-signing key; the old one stays published until its commands expire
import { z } from "zod";
import { withUser, json, readJson } from "@/lib/http/with-user";
import { AppError } from "@/lib/errors/app-error";
import { rotateSigningKey } from "@/lib/signing/rotate-signing-key";

export const POST = withUser(
  async (req, { actor }) => {
    // An explicit confirmation: rotation is not something a stray POST should do.
    if (!z.object({ confirm: z.literal("rotate") }).strict().safeParse(await readJson(req)).success) {
      throw new AppError("invalid_input", 'Send { "confirm": "rotate" } to rotate the signing key.', { errors: [{ path: "confirm", message: 'must be "rotate"' }] });
    }
    return json(await rotateSigningKey(actor), { status: 201 });
  },
  { permission: "settings:manage" },
);
