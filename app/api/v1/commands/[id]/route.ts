// GET /api/v1/commands/{id} — one command with its signed envelope, key id, receipts and result

import { getCommandOrThrow } from "@/lib/commands/list-commands";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => json(await getCommandOrThrow(params.id)),
  { permission: "commands:read" },
);
