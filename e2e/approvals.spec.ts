// Approvals a responder cannot miss and cannot fake (issues 9.5 and 12.5–8), with two people
// signed in: the commander's decision is refused to the responder (who sees whom it waits
// for), a command step awaiting approval shows the pending request instead of a second Send,
// the requester sees no Approve button, the managers are notified by incident key and step,
// and a manager rejects the whole request with a reason.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { openIncidentFromAgent } from "./support/agent.ts";
import { browserAs, createUser } from "./support/factories.ts";
import { signIn } from "./support/session.ts";

async function stepIds(
  api: APIRequestContext,
  incidentId: string,
): Promise<Record<string, string>> {
  const res = await api.get(`/api/v1/incidents/${incidentId}/playbook`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { runs: { steps: { key: string; id: string }[] }[] };
  return Object.fromEntries(body.runs[0].steps.map((s) => [s.key, s.id]));
}

async function act(api: APIRequestContext, id: string, data: Record<string, unknown>) {
  const res = await api.post(`/api/v1/playbook-steps/${id}`, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

const step = (page: Page, key: string) => page.locator(`[data-step="${key}"]`);

test("role holder decides, the pending command request is shown once, the managers are told and one rejects it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const responder = await createUser("responder", { name: "Ria Requester" });
  const manager = await createUser("manager", { name: "Mona Commander" });
  const incidentId = await openIncidentFromAgent();
  const rApi = await signIn(responder);
  const mApi = await signIn(manager);
  const put = await rApi.put(`/api/v1/incidents/${incidentId}/roles`, {
    data: { key: "commander", userId: manager.id },
  });
  expect(put.status(), await put.text()).toBe(200);
  const ids = await stepIds(rApi, incidentId);
  await act(rApi, ids.triage, { action: "complete", checklist: [true, true, true] });
  await act(rApi, ids["revoke-permissions"], { action: "complete", note: "by hand" });
  await act(rApi, ids["kill-process"], { action: "complete", note: "by hand" });
  await act(rApi, ids["approve-quarantine"], { action: "request_approval" });
  await act(mApi, ids["approve-quarantine"], { action: "approve" });
  await act(rApi, ids.quarantine, { action: "complete", note: "by hand" });

  const rCtx = await browserAs(browser, responder);
  const r = await rCtx.newPage();
  await r.goto(`/incidents/${incidentId}`);
  // 12.8: the decision is the commander's; the responder sees whom it waits for, no buttons.
  await expect(step(r, "isolate-decision")).toHaveAttribute("data-status", "ready");
  await expect(step(r, "isolate-decision").getByTestId("expected-actor")).toContainText(
    "Incident commander: Mona Commander",
  );
  await expect(step(r, "isolate-decision").getByTestId("waiting-for")).toContainText(
    "Waiting for Mona Commander",
  );
  await expect(
    step(r, "isolate-decision").getByRole("button", { name: /Yes — isolate/ }),
  ).toHaveCount(0);
  const refused = await rApi.post(`/api/v1/playbook-steps/${ids["isolate-decision"]}`, {
    data: { action: "decide", choice: "isolate" },
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");

  const mCtx = await browserAs(browser, manager);
  const m = await mCtx.newPage();
  await m.goto(`/incidents/${incidentId}`);
  await step(m, "isolate-decision")
    .getByRole("button", { name: /Yes — isolate/ })
    .click();
  await expect(step(r, "isolate-host")).toHaveAttribute("data-status", "ready");

  // 12.5: one click sends; the step then shows the request and offers no second Send.
  await step(r, "isolate-host").getByRole("button", { name: "Send command to hosts" }).click();
  const pending = step(r, "isolate-host").getByTestId("command-request");
  await expect(pending).toContainText("Awaiting approval");
  await expect(pending).toContainText("requested by Ria Requester");
  await expect(pending).toContainText("waiting for a manager or admin");
  await expect(
    step(r, "isolate-host").getByRole("button", { name: "Send command to hosts" }),
  ).toHaveCount(0);
  // 12.6: the requester never sees Approve on their own request.
  await expect(step(r, "isolate-host").getByRole("button", { name: /Approve/ })).toHaveCount(0);
  const again = await rApi.post(`/api/v1/playbook-steps/${ids["isolate-host"]}`, {
    data: { action: "issue_command" },
  });
  expect(again.status()).toBe(409);

  // 12.7: the manager is notified, by incident key and step.
  const key = (
    (await (await rApi.get(`/api/v1/incidents/${incidentId}`)).json()) as {
      incident: { key: string };
    }
  ).incident.key;
  await m.reload();
  await expect(m.getByTestId("unread-count")).toBeVisible({ timeout: 10_000 });
  await m.getByTestId("notification-bell").click();
  const region = m.getByRole("region", { name: "Notifications" });
  await expect(region).toContainText(`Approval needed — ${key}`);
  await expect(region).toContainText("Isolate the host from the network");

  // 12.6: the manager rejects the whole request with a reason; the requester sees it.
  const mp = step(m, "isolate-host").getByTestId("command-request");
  await mp.getByPlaceholder("Reason to reject").fill("isolation would cut payroll");
  await mp.getByRole("button", { name: "Reject request" }).click();
  await expect(step(r, "isolate-host").getByTestId("command-request")).toContainText(
    "rejected by",
    { timeout: 10_000 },
  );
  await expect(step(r, "isolate-host").getByTestId("command-request")).toContainText(
    "isolation would cut payroll",
  );
  await expect(
    step(r, "isolate-host").getByRole("button", { name: "Send command to hosts" }),
  ).toBeVisible();

  await rApi.dispose();
  await mApi.dispose();
  await rCtx.close();
  await mCtx.close();
});
