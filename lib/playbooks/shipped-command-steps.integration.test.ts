import crypto from "node:crypto";
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { createTestUser } from "../../test/playbook-fixtures.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import { PARAMS_SCHEMAS } from "../protocol/commands.ts";
import { registerHandlers } from "../server/register-handlers.ts";
import { readPlaybookFiles } from "./files.ts";
import { issueStepCommand } from "./issue-step-command.ts";
import { startPlaybookRun } from "./start-playbook-run.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";

// Shipped playbooks are part of the product: every command step of every file in
// playbooks/ must be sendable on a real incident opened by real ingest, exactly as a
// responder would press "Send command to hosts".
const shipped = readPlaybookFiles().flatMap((f) => {
  const def = f.definition;
  if (!def) return [];
  return def.steps
    .filter((s) => s.kind === "command")
    .map((s) => ({ slug: def.slug, version: def.version, step: s.id, title: s.title }));
});

describeDb("every command step of every shipped playbook", (t) => {
  it("finds command steps to test (the playbooks folder was read)", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(8);
    expect(shipped).toContainEqual(
      expect.objectContaining({ slug: "sandbox-escape", step: "kill-process" }),
    );
  });

  for (const c of shipped) {
    it(`${c.slug} v${c.version} "${c.title}" issues valid commands to the incident's hosts`, async () => {
      registerHandlers();
      await syncPlaybookFiles({ db: t.db });
      const responder = await createTestUser(t.db, "responder");
      const host = await createTestHost(t.db);
      // A violation opens the incident (and names the permission a restore step gives back).
      const plugin = {
        name: `plugin-${crypto.randomBytes(3).toString("hex")}`,
        version: "1.0.0",
        sha256: crypto.randomBytes(32).toString("hex"),
      };
      await ingestEvents(
        host,
        {
          events: [
            ev({
              type: "permission_violation",
              plugin,
              details: {
                permission: "fs.read:home",
                operation: "openat",
                path: "~/.ssh/id_ed25519",
              },
            }),
          ],
        },
        { db: t.db },
      );
      const inc = await t.db.incident.findFirstOrThrow({
        where: { pluginName: plugin.name },
        select: { id: true },
      });
      const run = (await t.db.playbookRun.findFirst({
        where: { incidentId: inc.id, slug: c.slug },
        select: { id: true },
      })) ?? {
        id: (
          await startPlaybookRun(
            { incidentId: inc.id, slug: c.slug, version: c.version, actor: responder.actor },
            t.db,
          )
        ).runId,
      };
      // Its predecessors are not what is under test: make the step ready as the run would.
      const step = await t.db.stepRun.update({
        where: { runId_key: { runId: run.id, key: c.step } },
        data: { status: "ready" },
        select: { id: true },
      });

      const res = await issueStepCommand({
        stepRunId: step.id,
        actor: { ...responder.actor, role: "responder" },
      });
      expect(res.commandIds).toHaveLength(1);
      const cmd = await t.db.command.findUniqueOrThrow({
        where: { id: res.commandIds[0] },
        select: { hostId: true, type: true, params: true },
      });
      expect(cmd.hostId).toBe(host.id);
      expect(PARAMS_SCHEMAS[cmd.type].safeParse(cmd.params).success).toBe(true);
      if ("plugin" in (cmd.params as object))
        expect((cmd.params as { plugin: { name: string } }).plugin.name).toBe(plugin.name);
      if (cmd.type === "restore_permissions")
        expect(cmd.params).toMatchObject({ permissions: ["fs.read:home"] });
    });
  }
});
