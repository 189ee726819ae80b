// Turns a failed request into what a person can act on: the server's own sentence plus
// each field's reason. problem+json carries both; a bare "Invalid input" helps nobody.

export type ProblemLike = {
  message?: string;
  problem?: { title?: string; detail?: string; errors?: { path: string; message: string }[] };
};

export function problemText(error: unknown): {
  message: string;
  fields: { field: string; message: string }[];
} {
  const e = (error ?? {}) as ProblemLike;
  const message = e.problem?.detail ?? e.message ?? e.problem?.title ?? "The request failed.";
  const fields = (e.problem?.errors ?? [])
    // A field reason the detail already says adds nothing but noise.
    .filter((f) => !message.includes(f.message))
    .map((f) => ({ field: f.path === "(root)" ? "" : f.path, message: f.message }));
  return { message, fields };
}

/** `{ [path]: reason }` of a failed request, for the message under each form field; empty when
 *  the failure names no field (a network error, a 409), so the form shows the sentence instead. */
export function errorsByField(error: unknown): Record<string, string> {
  const e = (error ?? {}) as ProblemLike;
  return Object.fromEntries((e.problem?.errors ?? []).map((f) => [f.path, f.message]));
}
