// A responder runs the sandbox-escape playbook end to end in the browser: the incident is
// opened by a real agent event, the playbook starts by itself, roles get filled, an SLA
// passes and the escalation really notifies (the server runs with
// BREAKWATER_PLAYBOOK_MINUTE_MS=1000, so a playbook "minute" lasts one second), a second
// person approves, a decision picks a branch and the run completes.
import { expect, type Page, test } from "@playwright/test";
import { openIncidentFromAgent } from "./support/agent.ts";
import { browserAs, createUser } from "./support/factories.ts";

const step = (page: Page, key: string) => page.locator(`[data-step="${key}"]`);

test("responder runs sandbox escape end to end with a second-person approval and a real escalation", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const responder = await createUser("responder", { name: "Rita Responder" });
  const manager = await createUser("manager", { name: "Max Manager" });
  const incidentId = await openIncidentFromAgent();

  const rCtx = await browserAs(browser, responder);
  const r = await rCtx.newPage();
  await r.goto(`/incidents/${incidentId}`);
  const section = r.getByTestId("playbook-section");
  await expect(section.getByRole("heading", { name: "Sandbox escape (critical)" })).toBeVisible();
  await expect(r.getByTestId("unfilled-roles")).toContainText("5 roles unfilled");
  await expect(step(r, "triage")).toHaveAttribute("data-status", "ready");

  await r.getByLabel("Incident commander").selectOption({ label: "Max Manager (manager)" });
  await r.getByLabel("Investigator").selectOption({ label: "Rita Responder (responder)" });
  await expect(r.getByTestId("unfilled-roles")).toContainText("3 roles unfilled");

  // Triage has a 10-minute SLA: with one-second minutes it breaches and escalates to the commander.
  await expect(step(r, "triage").getByTestId("escalation")).toContainText(/level \d+/, {
    timeout: 30_000,
  });
  await expect(step(r, "triage").getByTestId("sla")).toContainText("over SLA");
  const mCtx = await browserAs(browser, manager);
  const m = await mCtx.newPage();
  await m.goto(`/incidents/${incidentId}`);
  await expect(m.getByTestId("unread-count")).toBeVisible({ timeout: 10_000 });
  await m.getByTestId("notification-bell").click();
  await expect(m.getByRole("region", { name: "Notifications" })).toContainText(
    /Escalation level \d+: Confirm the escape attempt/,
  );

  // Triage: tick the checklist and finish.
  for (const box of await step(r, "triage").getByRole("checkbox").all()) await box.check();
  await step(r, "triage").getByRole("button", { name: "Mark done" }).click();
  await expect(step(r, "triage")).toHaveAttribute("data-status", "done");

  // Parallel command steps, completed by hand with a note.
  for (const key of ["revoke-permissions", "kill-process"]) {
    await step(r, key).getByRole("textbox").fill(`done by hand on the host (${key})`);
    await step(r, key).getByRole("button", { name: "Complete by hand" }).click();
    await expect(step(r, key)).toHaveAttribute("data-status", "done");
  }

  // Approval: the responder requests it and cannot approve it; the manager approves.
  await step(r, "approve-quarantine").getByRole("button", { name: "Request approval" }).click();
  await expect(step(r, "approve-quarantine")).toContainText("a second person must approve");
  await expect(step(r, "approve-quarantine").getByRole("button", { name: "Approve" })).toHaveCount(
    0,
  );
  await m.reload();
  await expect(step(m, "approve-quarantine")).toContainText("Requested by Rita Responder");
  await step(m, "approve-quarantine").getByRole("button", { name: "Approve" }).click();
  await expect(step(m, "approve-quarantine")).toHaveAttribute("data-status", "done");
  await expect(step(r, "approve-quarantine")).toContainText("Done by Max Manager");

  await step(r, "quarantine").getByRole("textbox").fill("quarantined from the console");
  await step(r, "quarantine").getByRole("button", { name: "Complete by hand" }).click();
  await expect(step(r, "quarantine")).toHaveAttribute("data-status", "done");

  // Decision: isolate → the isolate branch runs, the monitor wait is skipped.
  await expect(step(m, "isolate-decision")).toHaveAttribute("data-status", "ready");
  await step(m, "isolate-decision")
    .getByRole("button", { name: /Yes — isolate/ })
    .click();
  await expect(step(r, "monitor")).toHaveAttribute("data-status", "skipped");
  for (const key of ["isolate-host", "collect-memory"]) {
    await step(r, key).getByRole("textbox").fill(`${key} done by hand`);
    await step(r, key).getByRole("button", { name: "Complete by hand" }).click();
    await expect(step(r, key)).toHaveAttribute("data-status", "done");
  }
  // The notify step went out by itself; the write-up is the last step.
  await expect(step(r, "tell-stakeholders")).toHaveAttribute("data-status", "done");
  for (const box of await step(r, "write-up").getByRole("checkbox").all()) await box.check();
  await step(r, "write-up").getByRole("button", { name: "Mark done" }).click();
  await expect(section.getByText("completed", { exact: true })).toBeVisible();

  // Every action is on the incident timeline.
  await r.reload();
  for (const text of [
    "Playbook started",
    "Escalated to level 1",
    "Approved by Max Manager",
    'Decision "Does the host need network isolation?"',
  ])
    await expect(r.getByText(text).first()).toBeVisible();
  await rCtx.close();
  await mCtx.close();
});
