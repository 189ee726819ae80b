// GET /api/v1/commands/{id} — one command with its signed envelope, key id, receipts and result
import { withUser, json } from "@/lib/http/with-user";
import { AppError } from "@/lib/errors/app-error";
import { getCommandOrThrow } from "@/lib/commands/list-commands";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => {
    if (!UUID.test(params.id)) throw new AppError("not_found", "No such command.");
    return json(await getCommandOrThrow(params.id));
  },
  { permission: "commands:read" },
);
