import "server-only";
import { z } from "zod";
import { getDb } from "../db/index.ts";
import { safeText } from "../protocol/safe-schemas.ts";
import { cliActor } from "./cli-actor.ts";
import type { CommandResult } from "./command.ts";
import { runAdminCommand } from "./run-admin-command.ts";

export const CLI_MAX_BODY = 64 * 1024;
/** The admin API body: the CLI argv and who ran it, for the audit entry. */
export const cliRequestInput = z.object({
  argv: z.array(safeText().max(1000)).max(50),
  osUser: safeText().max(200).optional(),
});

/** The admin API's body → the same command table the CLI runs in-process. A command's own
 *  refusal is a normal reply (exit code 1/2 in the body); only a malformed request is a 4xx. */
export async function runCliRequest(body: unknown): Promise<CommandResult> {
  const input = cliRequestInput.parse(body);
  return runAdminCommand(input.argv, {
    db: await getDb(),
    actor: cliActor(input.osUser),
    now: new Date(),
  });
}
