import type { z } from "zod";
import { AppError, type FieldError } from "./app-error.ts";

type Issues = z.ZodError["issues"];
type Where = {
  /** Put before every path: the field the parsed value sits in (`params`, `events.3`). */
  prefix?: readonly PropertyKey[];
  /** The name of the value itself, for issues about it as a whole. */
  root?: string;
};

/** The one mapping from zod issues to problem+json field errors: a dotted path per issue,
 *  "(root)" for the value as a whole (the console's field list knows that name). */
export function fieldErrorsOf(issues: Issues, where: Where = {}): FieldError[] {
  const prefix = where.prefix ?? [];
  return issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || (where.root ?? "(root)"),
    message: i.message,
  }));
}

/**
 * Parses the raw input of a use case (a JSON body, search params, a header's values): the
 * value on success, else a 400 whose `errors` lists every failing field and whose detail is
 * the sentence a client shows (default: the one a ZodError escaping a handler gets). Domain
 * code calls this rather than lib/http, which it must not import.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  detail = "The request is not valid.",
  where: Where = {},
): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new AppError("invalid_input", detail, { errors: fieldErrorsOf(r.error.issues, where) });
  return r.data;
}
