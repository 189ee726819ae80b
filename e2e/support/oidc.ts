// The OpenID provider the browser tests sign in through: one shared definition of where it
// listens and how a test names the identity it signs in as.

/** A fixed loopback port next to the app's, so two checkouts (different E2E_PORT) never collide. */
export const oidcPort = () => (Number(process.env.E2E_PORT) || 3200) + 1000;
export const oidcIssuer = () => `http://127.0.0.1:${oidcPort()}`;
export const OIDC_CLIENT_ID = "breakwater-e2e";
// Not a secret: it only exists between the test provider and the test server on loopback.
export const OIDC_CLIENT_SECRET = "e2e-client-secret-not-used-anywhere-else";
export const OIDC_NAME = "Test IdP";

/** What a test types into the provider's login box: the subject, the email the provider
 *  claims and whether it says it verified that email. The provider answers exactly these
 *  claims, so each test decides who it is without reconfiguring the provider. */
export const oidcLogin = (subject: string, email: string, verified: boolean) =>
  `${subject}|${email}|${verified ? "verified" : "unverified"}`;

export function parseOidcLogin(
  login: string,
): { sub: string; email: string; email_verified: boolean } | null {
  const [sub, email, v] = login.split("|");
  if (!sub || !email || (v !== "verified" && v !== "unverified")) return null;
  return { sub: login, email, email_verified: v === "verified" };
}

/** Where the SSO tests open the app: `localhost`, not 127.0.0.1. Next's request URLs spell
 *  every loopback address "localhost", so next-auth's callback route computes its
 *  redirect_uri with it; the sign-in must start (and its state cookies live) on that origin. */
export const ssoAppUrl = () =>
  (process.env.E2E_BASE_URL ?? "http://127.0.0.1:3200").replace("://127.0.0.1:", "://localhost:");
