// Who did something: a person, a host agent, or the system itself (timers, ingest).
export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "host"; id: string; label: string }
  | { type: "system"; id?: null; label: string };

export const SYSTEM: Actor = { type: "system", label: "system" };

/** A signed-in person as an actor. Labelled by name, the way people know each other on a
 *  timeline or a command list; the id still identifies the account for the audit chain. */
export const userActor = (u: { id: string; name: string }) => ({ type: "user" as const, id: u.id, label: u.name });
