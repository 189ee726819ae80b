// One builder per kind, one label rule: a person by name, a host by hostname, the system by
// what part of it acted. The same person reads the same on the timeline, in the audit log
// and in custody, whichever domain wrote the entry.
import { expect, it } from "vitest";
import { actorOfHost, actorOfUser, SYSTEM, systemActor } from "./actor.ts";

it("labels a person by name and keeps the account id", () => {
  const jane = { id: "u-1", name: "Jane Doe", email: "jane@example.test", role: "manager" };
  expect(actorOfUser(jane)).toEqual({ type: "user", id: "u-1", label: "Jane Doe" });
});

it("labels a host by its hostname", () => {
  const host = { id: "h-1", hostname: "ws-0001", simulated: false };
  expect(actorOfHost(host)).toEqual({ type: "host", id: "h-1", label: "ws-0001" });
});

it("gives the system no id, only what acted", () => {
  expect(systemActor("command receipt")).toEqual({ type: "system", label: "command receipt" });
  expect(SYSTEM).toEqual({ type: "system", label: "system" });
});
