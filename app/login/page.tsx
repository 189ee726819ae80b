import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/current-user";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getDb } from "@/lib/db";
import { env, oidcEnabled } from "@/lib/env";
import { needsSetup } from "@/lib/users/setup-first-admin";
import { loginAction, oidcLoginAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  if (await needsSetup(await getDb())) redirect("/setup");
  if (await getSessionUser()) redirect("/incidents");
  const { next, error } = await searchParams;
  const refused = signInErrorMessage(typeof error === "string" ? error : undefined);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-3xl font-bold tracking-tight">Breakwater</div>
          <p className="mt-1 text-sm text-muted">Incident response console</p>
        </div>
        {refused ? (
          <Card role="alert" className="mb-4 text-sm text-danger">
            {refused}
          </Card>
        ) : null}
        <LoginForm
          next={next}
          oidcName={oidcEnabled() ? env.AUTH_OIDC_NAME : null}
          actions={{ login: loginAction, oidcLogin: oidcLoginAction }}
        />
      </div>
    </main>
  );
}
