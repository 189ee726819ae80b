// Who did something: a person, a host agent, or the system itself (timers, ingest).
// The same actor is written to the audit chain, the incident timeline and artifact custody,
// so it is built only here, by one builder per kind: the label then reads the same whichever
// domain wrote the entry.
export type Actor = UserActor | HostActor | SystemActor;
export type UserActor = { type: "user"; id: string; label: string };
export type HostActor = { type: "host"; id: string; label: string };
export type SystemActor = { type: "system"; id?: null; label: string };

/** A signed-in person. Labelled by name, the way people know each other on a timeline, a
 *  command list or a custody record; the id still identifies the account (audit chain,
 *  custody chain, authorisation), so a label is never what a check relies on. */
export const actorOfUser = (u: { id: string; name: string }): UserActor => ({
  type: "user",
  id: u.id,
  label: u.name,
});

/** A person acting through one of their API tokens (a script, a SOAR). The id is the
 *  person's, so every check that compares people (the requester is not the approver, the
 *  role holder decides) treats the token as its creator; the label names the token too. */
export const actorOfApiToken = (
  u: { id: string; name: string },
  token: { name: string },
): UserActor => ({
  type: "user",
  id: u.id,
  label: `token "${token.name}" of ${u.name}`,
});

/** A host agent, by the hostname it enrolled with; the id is the host row's. */
export const actorOfHost = (h: { id: string; hostname: string }): HostActor => ({
  type: "host",
  id: h.id,
  label: h.hostname,
});

/** Breakwater itself acting: a timer, ingest, a receipt, the CLI. The label says which. */
export const systemActor = (label: string): SystemActor => ({ type: "system", label });

export const SYSTEM: Actor = systemActor("system");
