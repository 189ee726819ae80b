import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { getDb } from "../db/index.ts";
import { env, oidcEnabled, secureCookies } from "../env.ts";
import { isAppError } from "../errors/app-error.ts";
import { clientIp } from "./client-ip.ts";
import { authSecret } from "./secret.ts";
import { evaluateSession } from "./session-policy.ts";
import { signInWithOidc } from "./sign-in-with-oidc.ts";
import { type SignedInUser, signInWithPassword } from "./sign-in-with-password.ts";

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

const limits = () => ({
  idleSeconds: env.BREAKWATER_SESSION_IDLE_SECONDS,
  maxSeconds: env.BREAKWATER_SESSION_MAX_SECONDS,
  recheckSeconds: env.BREAKWATER_SESSION_RECHECK_SECONDS,
});

export const SESSION_COOKIE = secureCookies() ? "__Host-bw.session" : "bw.session";

const providers: NextAuthConfig["providers"] = [
  Credentials({
    id: "credentials",
    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      try {
        return await signInWithPassword(credentials, clientIp(request.headers));
      } catch (e) {
        if (isAppError(e) && e.code === "rate_limited") throw new RateLimited();
        throw e;
      }
    },
  }),
];
if (oidcEnabled()) {
  providers.push({
    id: "oidc",
    name: env.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: env.AUTH_OIDC_ISSUER,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
  });
}

type Token = {
  uid?: string;
  sv?: number;
  role?: string;
  signedInAt?: number;
  lastActiveAt?: number;
  checkedAt?: number;
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  useSecureCookies: secureCookies(),
  // The cookie lives as long as the idle timeout; every authenticated read re-issues it.
  session: { strategy: "jwt", maxAge: env.BREAKWATER_SESSION_IDLE_SECONDS, updateAge: 0 },
  cookies: {
    sessionToken: {
      name: SESSION_COOKIE,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() },
    },
  },
  pages: { signIn: "/login", error: "/login" },
  providers,
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const result = await signInWithOidc(
        {
          subject: String(profile?.sub ?? account.providerAccountId),
          email: profile?.email,
          emailVerified: profile?.email_verified,
          name: profile?.name,
        },
        clientIp(await headers()),
      );
      // A path back to the login page names the reason, so the person sees why (next-auth
      // redirects to a string returned here).
      if (!result.ok) return `/login?error=${result.reason}`;
      Object.assign(user, result.user);
      return true;
    },
    async jwt({ token, user }) {
      const t = token as typeof token & Token;
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        const u = user as unknown as SignedInUser;
        return {
          ...t,
          sub: u.id,
          uid: u.id,
          sv: u.sessionVersion,
          role: u.role,
          signedInAt: now,
          lastActiveAt: now,
          checkedAt: now,
        };
      }
      if (!t.uid || !t.signedInAt || !t.lastActiveAt || t.checkedAt === undefined) return null;
      const verdict = evaluateSession(
        { signedInAt: t.signedInAt, lastActiveAt: t.lastActiveAt, checkedAt: t.checkedAt },
        now,
        limits(),
      );
      if (verdict === "idle_timeout" || verdict === "absolute_timeout") return null;
      if (verdict === "recheck") {
        const db = await getDb();
        const u = await db.user.findUnique({
          where: { id: t.uid },
          select: { status: true, sessionVersion: true, role: true },
        });
        // A disabled user or a bumped session version (role change, forced sign-out) ends the session.
        if (!u || u.status !== "active" || u.sessionVersion !== t.sv) return null;
        t.role = u.role;
        t.checkedAt = now;
      }
      t.lastActiveAt = now;
      return t;
    },
    async session({ session, token }) {
      const t = token as typeof token & Token;
      return {
        ...session,
        user: { ...session.user, id: t.uid!, role: t.role },
        sessionVersion: t.sv,
        signedInAt: t.signedInAt,
      } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const t = ("token" in message ? message.token : null) as
        | (Token & { name?: string | null; email?: string | null })
        | null;
      if (!t?.uid) return;
      const db = await getDb();
      await db.$transaction((tx) =>
        appendAudit(tx, {
          actor: actorOfUser({ id: t.uid!, name: t.name ?? t.email ?? t.uid! }),
          action: "auth.logout",
          target: { type: "user", id: t.uid! },
        }),
      );
    },
  },
});
