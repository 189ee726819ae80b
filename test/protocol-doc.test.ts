// docs/AGENT-PROTOCOL.md is the spec third parties build agents from and lib/protocol/ is the
// same contract as code; a type added to one and not the other would have an outside agent
// send what the server refuses, or never hear of a command it is sent.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_TYPES, LEASE_SECONDS, RECEIPT_STATUSES } from "../lib/protocol/commands.ts";
import {
  EVENT_TYPES,
  MAX_BATCH_EVENTS,
  MAX_BODY_BYTES,
  MAX_DETAILS_BYTES,
  SEVERITIES,
} from "../lib/protocol/events.ts";
import { PLUGIN_STATES } from "../lib/protocol/hosts.ts";
import { ENDORSEMENT_PURPOSE } from "../lib/protocol/key-endorsement.ts";

const spec = fs.readFileSync("docs/AGENT-PROTOCOL.md", "utf8");
const section = (heading: string) => {
  const start = spec.indexOf(`\n## ${heading}`);
  expect(start, `section "## ${heading}"`).toBeGreaterThan(0);
  const end = spec.indexOf("\n## ", start + 1);
  return spec.slice(start, end < 0 ? undefined : end);
};
const quoted = (s: string) => [...s.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);

describe("docs/AGENT-PROTOCOL.md and lib/protocol/ state the same contract", () => {
  it("event types", () => {
    const events = section("POST /events");
    const listed = events.slice(
      events.indexOf("Types:"),
      events.indexOf("\n- ", events.indexOf("Types:")),
    );
    expect([...listed.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])).toEqual([...EVENT_TYPES]);
  });

  it("severities and the batch limits", () => {
    const events = section("POST /events");
    expect(quoted(events.slice(events.indexOf("severity?:"), events.indexOf("plugin?:")))).toEqual([
      ...SEVERITIES,
    ]);
    expect(events).toContain(
      `1–${MAX_BATCH_EVENTS} events, body ≤ ${MAX_BODY_BYTES / 2 ** 20} MiB`,
    );
    expect(events).toContain(`(≤ ${MAX_DETAILS_BYTES / 1024} KiB)`);
  });

  it("command types, the lease and receipt statuses", () => {
    const commands = section("GET /commands");
    expect([...commands.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1])).toEqual([
      ...COMMAND_TYPES,
    ]);
    expect(commands).toContain(`within the lease (${LEASE_SECONDS} s)`);
    const receipts = section("POST /commands/{id}/receipts");
    expect(quoted(receipts.slice(receipts.indexOf("status:"), receipts.indexOf(", at")))).toEqual([
      ...RECEIPT_STATUSES,
    ]);
  });

  it("plugin states and the endorsement purpose", () => {
    const inventory = section("PUT /inventory");
    expect(quoted(inventory.slice(inventory.indexOf("state:")))).toEqual([...PLUGIN_STATES]);
    expect(section("GET /server-keys and key rotation")).toContain(
      `purpose: "${ENDORSEMENT_PURPOSE}"`,
    );
  });
});
