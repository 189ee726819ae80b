import type { ReactNode } from "react";
import { getSessionUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { Sidebar } from "@/components/shell/sidebar";
import { SessionKeepAlive } from "@/components/shell/session-keepalive";
import { SessionEndedNotice } from "@/components/shell/session-ended-notice";
import { logoutAction } from "@/app/login/actions";

// Layout only decorates: each page.tsx does its own authorization (layouts do not re-run
// on client navigation, so they are never a security boundary).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) return <>{children}</>;
  const items = NAV_ITEMS.filter((i) => can(user.role, i.permission));
  return (
    <div className="flex h-screen">
      <Sidebar items={items} user={user} logout={logoutAction} />
      <SessionKeepAlive />
      <SessionEndedNotice />
      <main id="main" className="flex-1 overflow-y-auto p-6">{children}</main>
    </div>
  );
}
