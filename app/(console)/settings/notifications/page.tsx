import { NotificationPreferencesView } from "@/components/notifications/notification-preferences-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Notification e-mail" };

export default async function Page() {
  await requirePageUser("console:read", "/settings/notifications");
  return (
    <>
      <PageHeader
        title="Notification e-mail"
        description="Which notifications also reach you by e-mail, and when not to send them."
      />
      <NotificationPreferencesView />
    </>
  );
}
