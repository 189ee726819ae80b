import { env } from "./env.ts";

// Structured one-line JSON logs on stderr. Errors keep their stack here, never in responses.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = order[env.BREAKWATER_LOG_LEVEL];

function serialise(v: unknown): unknown {
  if (v instanceof Error)
    return { name: v.name, message: v.message, stack: v.stack, cause: serialise(v.cause) };
  return v;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < threshold) return;
  const rec: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields ?? {})) rec[k] = serialise(v);
  process.stderr.write(JSON.stringify(rec) + "\n");
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
