import "server-only";
import { ZodError } from "zod";
import { toAppError } from "../errors/to-app-error.ts";
import { logger } from "../log.ts";
import { artifactCommands } from "./artifact-commands.ts";
import type { AdminCommand, CommandContext, CommandResult } from "./command.ts";
import { opsCommands } from "./ops-commands.ts";
import { userCommands } from "./user-commands.ts";

export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  ...userCommands,
  ...opsCommands,
  ...artifactCommands,
];

// Exit codes: 0 done, 1 the command ran and refused or found a problem, 2 usage error.
export const EXIT_USAGE = 2;

export function helpText(): string {
  return [
    "Breakwater admin CLI — npm run bw -- <command>",
    "",
    ...ADMIN_COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    "  help",
    "      Show this list",
    "",
    "With DATABASE_URL set it talks to PostgreSQL directly. On the embedded database it opens",
    "the data directory itself, or sends the command to the running server when one holds it.",
  ].join("\n");
}

type Parsed = { command: AdminCommand; input: Record<string, unknown> } | { error: string };

/** Splits argv into a command from the table and its named arguments. Unknown flags and
 *  surplus positionals are errors, so a typo never silently does something else. */
export function parseArgv(argv: readonly string[]): Parsed {
  const words = argv.filter((a) => !a.startsWith("--"));
  const command = ADMIN_COMMANDS.find((c) => c.name.split(" ").every((w, i) => argv[i] === w));
  if (!command) {
    const family = ADMIN_COMMANDS.filter((c) => c.name.split(" ")[0] === words[0]);
    const hint = family.length
      ? `\n\nDid you mean one of:\n${family.map((c) => `  ${c.usage}`).join("\n")}`
      : "";
    return {
      error: `Unknown command: ${argv.join(" ") || "(none)"}. Run \`npm run bw -- help\` for the list.${hint}`,
    };
  }
  const rest = argv.slice(command.name.split(" ").length);
  const positionals: string[] = [];
  const input: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!command.flags?.includes(flag))
      return {
        error: `Unknown option --${flag} for \`${command.name}\`.\nUsage: npm run bw -- ${command.usage}`,
      };
    if (flag in input) return { error: `--${flag} is given twice.` };
    if (eq > 0) input[flag] = a.slice(eq + 1);
    else if (i + 1 < rest.length && !rest[i + 1].startsWith("--")) input[flag] = rest[++i];
    else return { error: `--${flag} needs a value.\nUsage: npm run bw -- ${command.usage}` };
  }
  const names = command.positionals ?? [];
  if (positionals.length > names.length)
    return {
      error: `Unexpected argument ${positionals[names.length]}.\nUsage: npm run bw -- ${command.usage}`,
    };
  names.forEach((n, i) => {
    if (positionals[i] !== undefined) input[n] = positionals[i];
  });
  return { command, input };
}

function describeZod(e: ZodError, command: AdminCommand): string {
  const positional = new Set(command.positionals ?? []);
  const lines = e.issues.map((i) => {
    const key = String(i.path[0] ?? "");
    const label = !key ? "arguments" : positional.has(key) ? key.toUpperCase() : `--${key}`;
    return `  ${label}: ${i.message}`;
  });
  return `Invalid arguments for \`${command.name}\`:\n${lines.join("\n")}\nUsage: npm run bw -- ${command.usage}`;
}

/** Runs one admin command and turns every outcome into printable text and an exit code. */
export async function runAdminCommand(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    return { output: helpText(), exitCode: argv.length === 0 ? EXIT_USAGE : 0 };
  }
  const parsed = parseArgv(argv);
  if ("error" in parsed) return { output: parsed.error, exitCode: EXIT_USAGE };
  const args = parsed.command.args.safeParse(parsed.input);
  if (!args.success)
    return { output: describeZod(args.error, parsed.command), exitCode: EXIT_USAGE };
  try {
    return await parsed.command.run(args.data, ctx);
  } catch (e) {
    if (e instanceof ZodError)
      return { output: describeZod(e, parsed.command), exitCode: EXIT_USAGE };
    const known = toAppError(e);
    if (known)
      return {
        output: `${parsed.command.name}: ${known.message}${known.errors ? "\n" + known.errors.map((x) => `  ${x.path}: ${x.message}`).join("\n") : ""}`,
        exitCode: 1,
      };
    logger.error("admin command failed", { command: parsed.command.name, error: e });
    // The cause goes to the log (stderr here, the server log over the admin API), never into the reply.
    return {
      output: `${parsed.command.name} failed unexpectedly; the details are in the log.`,
      exitCode: 1,
    };
  }
}
