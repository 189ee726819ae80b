// What the agent does with a POST /events answer that is neither a 200 nor "retry later"
// (429/5xx/network, handled by callWithRetry). docs/AGENT-PROTOCOL.md names the only
// permanent answers: 413 for the batch, and 400/422 for the events their `errors` name.
// Anything else — 409, 404, 403, a 400 that names no event — says nothing final about
// these events, so the agent keeps them and retries with backoff. Dead-lettering on such
// a status is how a valid event gets lost: the server would have stored it a moment later.
import type { Problem } from "../lib/protocol/api.ts";

export type RefusalAction =
  /** 413 on several events: send smaller batches. */
  | "split"
  /** 400/422 naming some of several events: resend one at a time to learn which. */
  | "isolate"
  /** A permanent refusal of this one event: move it to the dead letters. */
  | "dead-letter"
  /** Not final for these events: keep them and try again after a backoff. */
  | "retry";

const PERMANENT_PER_EVENT = new Set([400, 422]);

/** Whether the problem's `errors` name an event of the batch (`events.3.observedAt`). */
export function namesAnEvent(problem: Problem | null): boolean {
  return (problem?.errors ?? []).some((e) => /^events\.\d+(\.|$)/.test(e.path));
}

export function classifyEventRefusal(
  status: number,
  problem: Problem | null,
  batchSize: number,
): RefusalAction {
  if (status === 413) return batchSize > 1 ? "split" : "dead-letter";
  // A 400/422 that names no event (e.g. "not valid JSON") is about the request, which the
  // agent built correctly from valid queued events: damage in transit or a server bug,
  // not a verdict on any event.
  if (PERMANENT_PER_EVENT.has(status) && namesAnEvent(problem))
    return batchSize > 1 ? "isolate" : "dead-letter";
  return "retry";
}
