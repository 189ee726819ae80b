// Host-agent routes.
import fc from "fast-check";
import { EVENT_TYPES } from "../../../../lib/protocol/events.ts";
import { FUZZ_PLUGIN, jsonTarget, type Target, uuid } from "./builders.ts";
import { tusCreate, tusHead, tusPatch } from "./tus.ts";

const event = fc.record({
  eventId: uuid,
  type: fc.constantFrom(...EVENT_TYPES),
  observedAt: fc
    .date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  details: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 3,
  }),
});

export const AGENT_TARGETS: Record<string, Target> = {
  "POST /api/agent/v1/enroll": jsonTarget(
    "none",
    () => "/api/agent/v1/enroll",
    (f) =>
      fc.record({
        enrollmentToken: fc.constant(f.enrollmentToken),
        hostname: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        os: fc.constant("Linux"),
        agentVersion: fc.constant("fuzz/1.0"),
      }),
  ),
  "PUT /api/agent/v1/inventory": jsonTarget(
    "agent",
    () => "/api/agent/v1/inventory",
    () =>
      fc.record({
        plugins: fc.constant([FUZZ_PLUGIN]),
      }),
  ),
  "POST /api/agent/v1/events": jsonTarget(
    "agent",
    () => "/api/agent/v1/events",
    () => fc.record({ events: fc.array(event, { minLength: 1, maxLength: 4 }) }),
  ),
  "POST /api/agent/v1/ocsf": jsonTarget(
    "agent",
    () => "/api/agent/v1/ocsf",
    () =>
      fc.array(
        fc.record({
          class_uid: fc.constant(2004),
          time: fc.integer({ min: 1.6e12, max: 1.9e12 }),
          metadata: fc.record({ uid: uuid }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
  ),
  "POST /api/agent/v1/commands/[id]/receipts": jsonTarget(
    "agent",
    (f) => `/api/agent/v1/commands/${f.commandId}/receipts`,
    () =>
      fc.record(
        {
          status: fc.constantFrom("received", "succeeded", "failed", "rejected"),
          at: fc
            .date({ min: new Date("2026-01-01"), max: new Date("2027-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString()),
          result: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
            maxKeys: 3,
          }),
          reason: fc.string({ maxLength: 50 }),
        },
        { requiredKeys: ["status", "at"] },
      ),
  ),
  "POST /api/agent/v1/artifacts": tusCreate("agent", "/api/agent/v1/artifacts"),
  "HEAD /api/agent/v1/artifacts/[uploadId]": tusHead(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),
  "PATCH /api/agent/v1/artifacts/[uploadId]": tusPatch(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),
  "DELETE /api/agent/v1/artifacts/[uploadId]": tusHead(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),
};
