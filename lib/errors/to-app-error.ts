import { ZodError } from "zod";
import { AppError } from "./app-error.ts";
import { fieldErrorsOf } from "./parse-input.ts";
import { isTransientTxError } from "./transient.ts";

// Connection-level failures (server down, restarting, network cut) mean "try again later",
// not "bug": they map to 503 with Retry-After so agents back off and retry.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "P1001",
  "P1002",
  "P1017",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|DatabaseNotReachable|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|Connection closed/i;

function codeOf(e: unknown): string | undefined {
  const x = e as { code?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof x?.code === "string") return x.code;
  if (typeof x?.originalCode === "string") return x.originalCode;
  return undefined;
}

function* chain(e: unknown): Generator<unknown> {
  let cur: unknown = e;
  for (let i = 0; cur && i < 6; i++) {
    yield cur;
    cur = (cur as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(e: unknown): boolean {
  for (const x of chain(e)) {
    const code = codeOf(x);
    if (code && UNAVAILABLE_CODES.has(code)) return true;
    const kind = (x as { kind?: unknown })?.kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout")
      return true;
    if (x instanceof Error && UNAVAILABLE_TEXT.test(x.message)) return true;
  }
  return false;
}

/** The single mapping from anything thrown to an AppError (known cases) or null (a bug). */
export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    return new AppError("invalid_input", "The request is not valid.", {
      errors: fieldErrorsOf(e.issues),
    });
  }
  const code = codeOf(e);
  if (code === "P2002")
    return new AppError("conflict", "A record with the same unique value already exists.", {
      cause: e,
    });
  if (code === "P2025")
    return new AppError("not_found", "The record does not exist.", { cause: e });
  // Still contended after inTransaction's retries: the client should simply try again.
  if (isTransientTxError(e)) {
    return new AppError(
      "unavailable",
      "The server is busy with conflicting writes; retry shortly.",
      { retryAfterSeconds: 1, cause: e },
    );
  }
  if (isDatabaseUnavailable(e)) {
    return new AppError("unavailable", "The database is unreachable; retry shortly.", {
      retryAfterSeconds: 2,
      cause: e,
    });
  }
  return null;
}
