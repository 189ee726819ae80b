// Single sign-on through a real OpenID provider (oidc-provider on loopback, started with the
// server by e2e/support/web-server.ts), in the browser: a new person, linking an existing
// account by a verified email, and the two refusals that stop an account takeover.
import crypto from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { adminApi, createUser, type TestUser, uniqueEmail } from "./support/factories.ts";
import { OIDC_NAME, oidcIssuer, oidcLogin, ssoAppUrl } from "./support/oidc.ts";
import { adminCredentials, SESSION_COOKIE } from "./support/session.ts";

const tag = () => crypto.randomBytes(4).toString("hex");

async function signInThroughProvider(page: Page, login: string) {
  await page.goto(`${ssoAppUrl()}/login`);
  await page.getByRole("button", { name: `Continue with ${OIDC_NAME}` }).click();
  await page.waitForURL((u) => u.href.startsWith(oidcIssuer()));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks once per client to share the requested claims.
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

const hasSession = async (page: Page) =>
  (await page.context().cookies()).some((c) => c.name === SESSION_COOKIE);

async function auditEntries(action: string) {
  const api = await adminApi();
  const res = await api.get(`/api/v1/audit/entries?action=${action}&limit=200`);
  expect(res.status()).toBe(200);
  return (
    (await res.json()) as {
      entries: { targetId: string | null; details: Record<string, unknown> }[];
    }
  ).entries;
}

test.describe
  .serial("OIDC sign-in", () => {
    let linked: TestUser;
    let linkedSubject: string;

    test("a new person signs in and gets an account with the default role", async ({ page }) => {
      const email = uniqueEmail("sso-new");
      await signInThroughProvider(page, oidcLogin(`new-${tag()}`, email, true));
      await expect(page).toHaveURL(/\/incidents/);
      expect(await hasSession(page)).toBe(true);
      const users = (
        (await (await (await adminApi()).get("/api/v1/users")).json()) as {
          users: { email: string; role: string }[];
        }
      ).users;
      expect(users.find((u) => u.email === email)).toMatchObject({ role: "viewer" });
    });

    test("an existing account is linked by a verified email, and the link is audited", async ({
      page,
    }) => {
      linked = await createUser("responder");
      linkedSubject = `owner-${tag()}`;
      await signInThroughProvider(page, oidcLogin(linkedSubject, linked.email, true));
      await expect(page).toHaveURL(/\/incidents/);
      expect(await hasSession(page)).toBe(true);
      const link = (await auditEntries("user.oidc_linked")).find((e) => e.targetId === linked.id);
      expect(link?.details).toMatchObject({
        email: linked.email,
        subject: oidcLogin(linkedSubject, linked.email, true),
      });
    });

    test("an unverified email is refused with a clear message, even the admin's", async ({
      page,
    }) => {
      await signInThroughProvider(
        page,
        oidcLogin(`attacker-${tag()}`, adminCredentials().email, false),
      );
      await expect(page).toHaveURL(/\/login\?error=oidc_email_unverified/);
      await expect(
        page.getByRole("alert").filter({ hasText: "has not verified your email address" }),
      ).toBeVisible();
      expect(await hasSession(page)).toBe(false);
      // Nobody was signed in as the admin: the console still sends this browser to the login page.
      await page.goto(`${ssoAppUrl()}/incidents`);
      await expect(page).toHaveURL(/\/login/);
    });

    test("a verified email of an account bound to another subject is refused", async ({ page }) => {
      const imposter = oidcLogin(`imposter-${tag()}`, linked.email, true);
      await signInThroughProvider(page, imposter);
      await expect(page).toHaveURL(/\/login\?error=oidc_subject_mismatch/);
      await expect(
        page
          .getByRole("alert")
          .filter({ hasText: "linked to a different single sign-on identity" }),
      ).toBeVisible();
      expect(await hasSession(page)).toBe(false);
      const refused = (await auditEntries("auth.login_failed")).find(
        (e) => e.details.subject === imposter,
      );
      expect(refused).toMatchObject({
        targetId: linked.id,
        details: { reason: "oidc_subject_mismatch" },
      });
    });
  });
