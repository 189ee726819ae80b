import "server-only";
import { z } from "zod";
import { getDb } from "../db/index.ts";
import { AppError } from "../http/app-error.ts";
import type { CommandResult } from "./command.ts";
import { cliActor } from "./cli-actor.ts";
import { runAdminCommand } from "./run-admin-command.ts";

const MAX_BODY = 64 * 1024;
const cliRequest = z.object({
  argv: z.array(z.string().max(1000)).max(50),
  osUser: z.string().max(200).optional(),
});

/** The admin API's body → the same command table the CLI runs in-process. A command's own
 *  refusal is a normal reply (exit code 1/2 in the body); only a malformed request is a 4xx. */
export async function runCliRequest(req: Request): Promise<CommandResult> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY) throw new AppError("payload_too_large", `The body is larger than ${MAX_BODY} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
  const input = cliRequest.parse(raw);
  return runAdminCommand(input.argv, { db: await getDb(), actor: cliActor(input.osUser), now: new Date() });
}
