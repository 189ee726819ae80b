import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { findIncidentIdOrThrow } from "../incidents/find-incident-id-or-throw.ts";
import type { PlaybookDefinition } from "./definition.ts";
import { ensureIncidentRoles } from "./incident-roles.ts";
import { runSummarySelect, stepSummarySelect } from "./schemas.ts";
import { latestVersions } from "./start-playbook-run.ts";

/** Everything the incident page's playbook section shows: roles, runs with their steps and
 *  who did what, the playbooks that could be started, and the people who can hold roles. */
export async function getIncidentPlaybook(ref: string, db?: Db) {
  const client = db ?? (await getDb());
  const inc = await findIncidentIdOrThrow(ref, client);
  // Commander always exists, even on an incident no playbook matched.
  if (
    !(await client.incidentRole.findFirst({
      where: { incidentId: inc.id, key: "commander" },
      select: { key: true },
    }))
  ) {
    await client.$transaction((tx) => ensureIncidentRoles(tx, inc.id, []));
  }
  const [roles, runs, people, versions] = await Promise.all([
    client.incidentRole.findMany({
      where: { incidentId: inc.id },
      select: { key: true, label: true, instructions: true, userId: true, assignedAt: true },
    }),
    client.playbookRun.findMany({
      where: { incidentId: inc.id },
      orderBy: { startedAt: "asc" },
      select: {
        id: true,
        ...runSummarySelect,
        definition: true,
        steps: {
          select: {
            id: true,
            ...stepSummarySelect,
            dueAt: true,
            requestedById: true,
            requestedAt: true,
            choice: true,
            note: true,
            checklist: true,
            commandId: true,
            escalationLevel: true,
            breachedAt: true,
          },
        },
      },
    }),
    client.user.findMany({
      where: { status: "active", role: { in: ["admin", "manager", "responder"] } },
      select: { id: true, name: true, role: true },
      orderBy: { name: "asc" },
    }),
    latestVersions(client),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  // The latest command request of each command step: the step shows it while it waits.
  const stepIds = runs.flatMap((r) => r.steps.filter((s) => s.kind === "command").map((s) => s.id));
  const requests = stepIds.length
    ? await client.commandRequest.findMany({
        where: { stepRunId: { in: stepIds } },
        orderBy: { requestedAt: "desc" },
        select: {
          id: true,
          stepRunId: true,
          type: true,
          hostCount: true,
          approval: true,
          requestedById: true,
          requestedByLabel: true,
          requestedAt: true,
          approvedByLabel: true,
          rejectedByLabel: true,
          rejectionReason: true,
        },
      })
    : [];
  const latestRequest = new Map<string, (typeof requests)[number]>();
  for (const r of requests)
    if (r.stepRunId && !latestRequest.has(r.stepRunId)) latestRequest.set(r.stepRunId, r);
  const seat = new Map(roles.map((r) => [r.key, r]));
  const order = ["commander", "investigator", "communications", "scribe"];
  return {
    incident: inc,
    roles: roles
      .sort(
        (a, b) =>
          (order.indexOf(a.key) + 1 || 99) - (order.indexOf(b.key) + 1 || 99) ||
          a.key.localeCompare(b.key),
      )
      .map((r) => ({
        ...r,
        userName: r.userId ? (nameOf.get(r.userId) ?? "(inactive user)") : null,
      })),
    runs: runs.map(({ definition, steps, ...run }) => {
      const def = definition as unknown as PlaybookDefinition;
      const idx = new Map(def.steps.map((s, i) => [s.id, i]));
      return {
        ...run,
        title: (definition as { title?: string }).title ?? run.slug,
        steps: steps
          .sort((a, b) => (idx.get(a.key) ?? 0) - (idx.get(b.key) ?? 0))
          .map((s) => {
            const d = def.steps[idx.get(s.key) ?? 0];
            return {
              ...s,
              requestedByName: s.requestedById ? (nameOf.get(s.requestedById) ?? null) : null,
              // Who is expected to act: the role holder (null userId = the role is unfilled).
              expected: s.role
                ? {
                    role: s.role,
                    label: seat.get(s.role)?.label ?? s.role,
                    userId: seat.get(s.role)?.userId ?? null,
                    userName: seat.get(s.role)?.userId
                      ? (nameOf.get(seat.get(s.role)!.userId!) ?? null)
                      : null,
                  }
                : null,
              commandRequest: latestRequest.get(s.id) ?? null,
              needs: d.needs,
              description: d.description ?? null,
              slaMinutes: d.slaMinutes ?? null,
              escalationLevels: d.escalation?.levels.length ?? 0,
              options:
                d.kind === "decision"
                  ? d.options.map((o) => ({ key: o.key, label: o.label }))
                  : null,
              question: d.kind === "decision" ? d.question : null,
              request: d.kind === "approval" ? d.request : null,
              command: d.kind === "command" ? d.command : null,
            };
          }),
      };
    }),
    startable: versions
      .filter((v) => !runs.some((r) => r.slug === v.slug))
      .map((v) => ({
        slug: v.slug,
        version: v.version,
        title: (v.definition as { title?: string }).title ?? v.slug,
      })),
    people,
  };
}
export type IncidentPlaybookView = Awaited<ReturnType<typeof getIncidentPlaybook>>;
