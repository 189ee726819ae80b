import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageUser("settings:manage", "/settings");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <Link href="/settings/users">
          <Card className="hover:border-accent">
            <div className="font-medium">Users</div>
            <p className="mt-1 text-sm text-muted">
              Create accounts, change roles, disable access.
            </p>
          </Card>
        </Link>
        <Link href="/settings/artifacts">
          <Card className="hover:border-accent">
            <div className="font-medium">Artifact retention</div>
            <p className="mt-1 text-sm text-muted">
              Days each kind of evidence is kept before it is purged.
            </p>
          </Card>
        </Link>
        <Link href="/settings/enrollment-tokens">
          <Card className="hover:border-accent">
            <div className="font-medium">Enrollment tokens</div>
            <p className="mt-1 text-sm text-muted">
              Let new host agents enrol; see uses left; revoke.
            </p>
          </Card>
        </Link>
        <Link href="/settings/notifications">
          <Card className="hover:border-accent">
            <div className="font-medium">Notification e-mail</div>
            <p className="mt-1 text-sm text-muted">
              Your own: which notifications reach you by e-mail, quiet hours.
            </p>
          </Card>
        </Link>
        <Link href="/settings/webhooks">
          <Card className="hover:border-accent">
            <div className="font-medium">Webhooks</div>
            <p className="mt-1 text-sm text-muted">
              Per-team URLs for playbook notifications and escalations; delivery log.
            </p>
          </Card>
        </Link>
      </div>
    </>
  );
}
