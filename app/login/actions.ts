"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { assertLoginAllowed } from "@/lib/auth/rate-limit-login";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { AppError } from "@/lib/errors/app-error";
import { publicAction } from "@/lib/http/action";

export const loginAction = publicAction(
  async (form: { email: string; password: string; next?: string }) => {
    await assertLoginAllowed(String(form.email ?? ""), clientIp(await headers()));
    try {
      await signIn("credentials", {
        email: form.email,
        password: form.password,
        redirectTo: safeNextPath(form.next),
      });
    } catch (e) {
      if (e instanceof AuthError) {
        if ((e as AuthError & { code?: string }).code === "rate_limited") {
          throw new AppError("rate_limited", "Too many failed sign-in attempts. Try again later.");
        }
        throw new AppError(
          "unauthenticated",
          "Wrong email or password, or the account is disabled.",
        );
      }
      throw e;
    }
    return null;
  },
);

export const oidcLoginAction = publicAction(async (next?: string) => {
  await signIn("oidc", { redirectTo: safeNextPath(next) });
  return null;
});

export async function logoutAction() {
  await signOut({ redirectTo: "/login" });
}
