import type { z } from "zod";
import type { Actor } from "../audit/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

// One admin command of `npm run bw -- …`. The same table runs in the CLI process (direct
// database access) and inside the server (POST /api/admin/v1/cli), so behaviour and
// audit entries are identical whichever path a command takes.

export type CommandContext = { db: PrismaClient; actor: Actor; now: Date };
export type CommandResult = { output: string; exitCode: number };

export type AdminCommand<A = unknown> = {
  /** Space-separated words, e.g. "users set-role". */
  name: string;
  /** Positional argument names, in order, after the command words. */
  positionals?: readonly string[];
  /** Flags the command accepts (without "--"); a flag given without a value is `true`. */
  flags?: readonly string[];
  usage: string;
  summary: string;
  /** Validates { ...positionals by name, ...flags }. */
  args: z.ZodType<A>;
  run(args: A, ctx: CommandContext): Promise<CommandResult>;
};

export const ok = (output: string): CommandResult => ({ output, exitCode: 0 });

/** Declares a command with its argument type inferred from its zod schema. */
export const defineCommand = <S extends z.ZodType>(
  c: Omit<AdminCommand<z.output<S>>, "args"> & { args: S },
): AdminCommand => c as unknown as AdminCommand;

/** Fixed-width text table for terminal output. */
export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export const isoMinute = (d: Date | null | undefined) =>
  d ? d.toISOString().slice(0, 16).replace("T", " ") + "Z" : "-";
