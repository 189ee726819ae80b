// A real OpenID Connect provider (the `oidc-provider` package) on loopback for the browser
// tests, started by e2e/support/web-server.ts before the app so AUTH_OIDC_* can point at it.
// Its development login form takes any login and password; the login is parsed by
// parseOidcLogin, so the subject is the whole login string.
import http from "node:http";
import Provider from "oidc-provider";
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  oidcIssuer,
  oidcPort,
  parseOidcLogin,
} from "./oidc.ts";

export async function startOidcProvider(
  appBaseUrl: string,
): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = oidcIssuer();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${appBaseUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the profile from the ID token, so the scope's claims go into it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789abcdef"] },
    async findAccount(_ctx, sub) {
      const who = parseOidcLogin(sub);
      if (!who) return undefined;
      return { accountId: sub, claims: async () => ({ ...who, name: who.email.split("@")[0] }) };
    },
  });
  // The provider's reasons stay on its side of the wire; print them so a failing sign-in says why.
  provider.on("grant.error", (ctx, err) =>
    console.error(
      "[e2e] OpenID provider grant error:",
      err.message,
      (err as { error_detail?: string }).error_detail ?? "",
      JSON.stringify(ctx.oidc?.params ?? {}),
    ),
  );
  provider.on("server_error", (_ctx, err) => console.error("[e2e] OpenID provider error:", err));
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(oidcPort(), "127.0.0.1", () => resolve());
  });
  console.log(`[e2e] OpenID provider ${issuer}`);
  return { issuer, close: () => new Promise<void>((r) => server.close(() => r())) };
}
