import type { ReactNode } from "react";
import { logoutAction } from "@/app/login/actions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { SessionEndedNotice } from "@/components/shell/session-ended-notice";
import { SessionKeepAlive } from "@/components/shell/session-keepalive";
import { Sidebar } from "@/components/shell/sidebar";
import { getSessionUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

// Layout only decorates: each page.tsx does its own authorization (layouts do not re-run
// on client navigation, so they are never a security boundary).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) return <>{children}</>;
  const items = NAV_ITEMS.filter((i) => can(user.role, i.permission));
  return (
    <div className="md:flex md:h-screen">
      <Sidebar items={items} user={user} logout={logoutAction} />
      <SessionKeepAlive />
      <SessionEndedNotice />
      <main id="main" className="min-w-0 flex-1 p-4 md:overflow-y-auto md:p-6">
        {children}
      </main>
    </div>
  );
}
