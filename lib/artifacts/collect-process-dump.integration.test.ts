// "Done means": a responder issues collect_artifact for a process dump; the reference agent
// executes it, uploads the dump over tus linked to the command, and the artifact lands on the
// incident with a verified hash and its custody chain — real route handlers, real agent.
import fs from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-collect-test-${process.pid}`;
});

import * as item from "../../app/api/agent/v1/artifacts/[uploadId]/route.ts";
import * as collection from "../../app/api/agent/v1/artifacts/route.ts";
import { useTempLocalStorage } from "../../test/artifact-fixtures.ts";
import { seedHost, startAgent, USER_A } from "../../test/command-fixtures.ts";
import { startCommandRouteServer } from "../../test/command-route-server.ts";
import { describeDb } from "../../test/db.ts";
import { issueCommand } from "../commands/issue-command.ts";
import { dataDir } from "../env.ts";
import { verifyCustody } from "./custody.ts";

type H = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

describeDb("collect a process dump with one command", (t) => {
  let server: Awaited<ReturnType<typeof startCommandRouteServer>>;
  beforeAll(async () => {
    useTempLocalStorage();
    server = await startCommandRouteServer({
      // The artifact routes, beside the command routes the fixture already serves.
      extra: async (req, body, res) => {
        const path = (req.url ?? "").split("?")[0];
        const m = /^\/api\/agent\/v1\/artifacts(?:\/(?<uploadId>[^/]+))?$/.exec(path);
        if (!m) return false;
        const handler = (
          m.groups?.uploadId
            ? { HEAD: item.HEAD, PATCH: item.PATCH, DELETE: item.DELETE }
            : { POST: collection.POST }
        )[req.method as "POST"] as H | undefined;
        if (!handler) return false;
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === "string") headers.set(k, v);
        const r = await handler(
          new NextRequest(`http://127.0.0.1${req.url}`, {
            method: req.method,
            headers,
            body: body.length ? new Uint8Array(body) : undefined,
          }),
          { params: Promise.resolve({ uploadId: m.groups?.uploadId ?? "" }) },
        );
        res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
        res.end(Buffer.from(await r.arrayBuffer()));
        return true;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir(), { recursive: true, force: true });
  });

  it("the agent collects, uploads and the dump arrives on the incident with a verified hash", async () => {
    const host = await seedHost(t.db, "ws-collect");
    const now = new Date();
    const incident = await t.db.incident.create({
      data: {
        key: "INC-2026-9901",
        title: "escape",
        severity: "high",
        correlationKey: "c-collect",
        detectedAt: now,
        lastEventAt: now,
      },
    });
    await t.db.incidentHost.create({
      data: { incidentId: incident.id, hostId: host.id, firstSeenAt: now, lastSeenAt: now },
    });
    const a = await startAgent({ server: server.url, host });
    try {
      const r = await issueCommand(
        {
          type: "collect_artifact",
          params: { kind: "process_dump", what: "plugin host", maxBytes: 1024 * 1024 },
          hostIds: [host.id],
          incidentId: incident.id,
          comment: "collect a dump",
        },
        USER_A,
      );
      const commandId = r.commandIds[0];
      const deadline = Date.now() + 90_000;
      let cmd = await t.db.command.findUniqueOrThrow({ where: { id: commandId } });
      while (!["succeeded", "failed"].includes(cmd.status) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 200));
        cmd = await t.db.command.findUniqueOrThrow({ where: { id: commandId } });
      }
      expect(cmd.status, `${cmd.failureReason ?? ""} deliveries=${cmd.deliveryCount}`).toBe(
        "succeeded",
      );
      const result = cmd.result as { artifactId: string; sha256: string; sizeBytes: number };
      const art = await t.db.artifact.findUniqueOrThrow({ where: { id: result.artifactId } });
      expect(art).toMatchObject({
        commandId,
        incidentId: incident.id,
        hostId: host.id,
        kind: "process_dump",
        sha256: result.sha256,
        sizeBytes: BigInt(1024 * 1024),
      });
      const collected = await t.db.custodyEntry.findFirstOrThrow({
        where: { artifactId: art.id, action: "collected" },
      });
      expect(collected.details).toMatchObject({
        commandId,
        hostId: host.id,
        claimedSha256: result.sha256,
      });
      expect(await verifyCustody(art.id, t.db)).toMatchObject({ ok: true, entries: 3 });
      expect(
        await t.db.timelineEntry.count({
          where: { incidentId: incident.id, type: "artifact_collected" },
        }),
      ).toBe(1);
    } finally {
      await a.stop();
    }
    // Generous: on a loaded 2-core machine a collect round trip (long-poll, dump, upload,
    // receipts) has been seen to take over a minute next to parallel test files.
  }, 150_000);
});
