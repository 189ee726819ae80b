// Who did something: a person, a host agent, or the system itself (timers, ingest).
export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "host"; id: string; label: string }
  | { type: "system"; id?: null; label: string };

export const SYSTEM: Actor = { type: "system", label: "system" };
