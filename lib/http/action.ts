import "server-only";
import crypto from "node:crypto";
import { toAppError } from "../errors/to-app-error.ts";
import { logger } from "../log.ts";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } };

function failure(e: unknown): ActionResult<never> {
  const known = toAppError(e);
  if (!known) {
    const requestId = crypto.randomUUID();
    logger.error("unhandled error in server action", { requestId, error: e });
    return {
      ok: false,
      error: { code: "internal", message: `Something went wrong (request ${requestId}).` },
    };
  }
  const fieldErrors = known.errors
    ? Object.fromEntries(known.errors.map((f) => [f.path, f.message]))
    : undefined;
  return { ok: false, error: { code: known.code, message: known.message, fieldErrors } };
}

/** For the few actions that run before sign-in (login, first-run setup). Signed-in writes go
 *  through route handlers under withUser, so there is no authenticated action client: a
 *  "use server" export is a public endpoint whatever page it sits on. */
export function publicAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  return async (...args: A): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await fn(...args) };
    } catch (e) {
      // Next's redirect() works by throwing; let it through.
      if (
        e &&
        typeof e === "object" &&
        "digest" in e &&
        String((e as { digest: unknown }).digest).startsWith("NEXT_REDIRECT")
      )
        throw e;
      return failure(e);
    }
  };
}
