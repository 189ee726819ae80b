import { PageHeader } from "@/components/ui/card";
import { UsersView } from "@/components/users/users-view";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("users:manage", "/settings/users");
  return (
    <>
      <PageHeader
        title="Users"
        description="Role and status changes end that user's sessions within seconds."
      />
      <UsersView meId={me.id} />
    </>
  );
}
