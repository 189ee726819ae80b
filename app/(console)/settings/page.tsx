import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Settings" };

const SECTIONS = [
  {
    href: "/settings/users",
    title: "Users",
    about: "Create accounts, change roles, disable access.",
  },
  {
    href: "/settings/artifacts",
    title: "Artifact retention",
    about: "Days each kind of evidence is kept before it is purged.",
  },
  {
    href: "/settings/enrollment-tokens",
    title: "Enrollment tokens",
    about: "Let new host agents enrol; see uses left; revoke.",
  },
  {
    href: "/settings/notifications",
    title: "Notification e-mail",
    about: "Your own: which notifications reach you by e-mail, quiet hours.",
  },
  {
    href: "/settings/webhooks",
    title: "Webhooks",
    about: "Per-team URLs for playbook notifications and escalations; delivery log.",
  },
];

export default async function SettingsPage() {
  await requirePageUser("settings:manage", "/settings");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <Link key={s.href} href={s.href}>
            <Card className="hover:border-accent">
              <div className="font-medium">{s.title}</div>
              <p className="mt-1 text-sm text-muted">{s.about}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
