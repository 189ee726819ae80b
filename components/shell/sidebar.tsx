"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Siren, Server, BookOpen, Terminal, Archive, BarChart3, Flag, ShieldCheck, Settings, LogOut, ListChecks } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import type { NavItem } from "./nav-items";
import { NotificationBell } from "@/components/notifications/notification-bell";

const ICONS = { siren: Siren, server: Server, book: BookOpen, terminal: Terminal, archive: Archive, chart: BarChart3, flag: Flag, list: ListChecks, shield: ShieldCheck, settings: Settings };

export function Sidebar({ items, user, logout }: { items: NavItem[]; user: { name: string; email: string; role: string }; logout: () => Promise<void> }) {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex h-full w-56 shrink-0 flex-col border-r border-line bg-panel">
      <Link href="/incidents" className="mx-2 mt-2 mb-2 rounded-md px-2 py-2 text-lg font-bold tracking-tight focus-visible:outline-offset-[-2px]">Breakwater</Link>
      <ul className="flex-1 space-y-0.5 px-2">
        {items.map((item) => {
          const Icon = ICONS[item.icon as keyof typeof ICONS];
          const active = path === item.href || path.startsWith(item.href + "/");
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn("flex items-center gap-2 rounded-md px-3 py-2 text-sm", active ? "bg-panel-2 text-fg" : "text-muted hover:bg-panel-2 hover:text-fg")}
              >
                <Icon size={16} aria-hidden /> {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <NotificationBell />
      <div className="border-t border-line p-3 text-sm">
        <div className="truncate font-medium" data-testid="current-user">{user.name}</div>
        <div className="truncate text-xs text-muted">{user.email} · <span data-testid="current-role">{user.role}</span></div>
        <form action={logout} className="mt-2">
          <button type="submit" className="flex items-center gap-2 text-muted hover:text-fg"><LogOut size={14} aria-hidden /> Sign out</button>
        </form>
      </div>
    </nav>
  );
}
