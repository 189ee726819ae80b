import { type Actor, systemActor } from "../audit/actor.ts";

/** Who the audit log names for CLI changes: the CLI, and the OS account that ran it when
 *  known. The account name is informational only — the admin token or database access is
 *  what authorised the command. */
export function cliActor(osUser?: string | null): Actor {
  const user = osUser && /^[A-Za-z0-9._@-]{1,64}$/.test(osUser) ? osUser : null;
  return systemActor(user ? `cli:${user}` : "cli");
}
