// Over HTTP against the production server: the address recorded for a sign-in is the socket
// the request came from, not whatever X-Forwarded-For the client wrote (no proxy is trusted
// in this run, so X-Forwarded-For must be ignored altogether).
import { expect, test } from "@playwright/test";
import { adminApi, createUser } from "./support/factories.ts";
import { apiContext, baseURL, postCredentials } from "./support/session.ts";

test("a forged X-Forwarded-For does not land in the audit log", async () => {
  const user = await createUser("viewer");
  const forged = await apiContext({
    baseURL: baseURL(),
    extraHTTPHeaders: {
      "x-forwarded-for": "203.0.113.66",
      "x-real-ip": "203.0.113.67",
      "x-breakwater-peer": "203.0.113.68",
    },
  });
  expect(
    (await postCredentials(forged, { email: user.email, password: "wrong password" })).status(),
  ).toBe(302);
  expect((await postCredentials(forged, user)).status()).toBe(302);
  await forged.dispose();

  const api = await adminApi();
  for (const action of ["auth.login_failed", "auth.login"]) {
    const { entries } = (await (
      await api.get(`/api/v1/audit/entries?action=${action}&limit=200`)
    ).json()) as {
      entries: { targetId: string | null; details: { ip?: string; email?: string } }[];
    };
    const mine = entries.find((e) => e.targetId === user.id);
    expect(mine, action).toBeTruthy();
    expect(mine!.details.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  }
});
