import { WebhooksView } from "@/components/notifications/webhooks-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Webhooks" };

export default async function Page() {
  await requirePageUser("settings:manage", "/settings/webhooks");
  return (
    <>
      <PageHeader
        title="Outbound webhooks"
        description="Per-team URLs that receive playbook notifications and escalations, signed with HMAC-SHA256."
      />
      <WebhooksView />
    </>
  );
}
