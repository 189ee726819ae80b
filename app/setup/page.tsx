import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { getDb } from "@/lib/db";
import { needsSetup } from "@/lib/users/setup-first-admin";
import { setupAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "First-run setup" };

export default async function SetupPage() {
  if (!(await needsSetup(await getDb()))) redirect("/login");
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md">
        <h1 className="text-2xl font-semibold">Welcome to Breakwater</h1>
        <p className="mb-6 mt-1 text-sm text-muted">
          Create the first admin account. This page disappears once it exists.
        </p>
        <SetupForm setup={setupAction} />
      </div>
    </main>
  );
}
