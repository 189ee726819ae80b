"use client";
import {
  Archive,
  BarChart3,
  BookOpen,
  FileCode,
  Flag,
  KeyRound,
  ListChecks,
  LogOut,
  Menu,
  Server,
  Settings,
  ShieldCheck,
  Siren,
  Terminal,
  X,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { cn } from "@/lib/ui/cn";
import { DisplaySettings } from "./display-settings";
import type { NavItem } from "./nav-items";

const ICONS = {
  siren: Siren,
  server: Server,
  book: BookOpen,
  terminal: Terminal,
  archive: Archive,
  chart: BarChart3,
  flag: Flag,
  list: ListChecks,
  shield: ShieldCheck,
  settings: Settings,
  key: KeyRound,
  code: FileCode,
};

export function Sidebar({
  items,
  user,
  logout,
}: {
  items: NavItem[];
  user: { name: string; email: string; role: string };
  logout: () => Promise<void>;
}) {
  const path = usePathname();
  // Below 768 px the navigation folds behind a menu button so the page gets the whole width.
  const [open, setOpen] = useState(false);
  // Following a link closes the menu: reset while rendering the new path (no effect, so no
  // frame of the next page under an open menu).
  const [shownPath, setShownPath] = useState(path);
  if (shownPath !== path) {
    setShownPath(path);
    setOpen(false);
  }
  return (
    <>
      <div className="sticky top-0 z-30 flex items-center gap-2 border-b border-line bg-panel px-3 py-2 md:hidden">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md p-1.5 hover:bg-panel-2"
        >
          {open ? <X size={20} aria-hidden /> : <Menu size={20} aria-hidden />}
          <span className="sr-only">{open ? "Close menu" : "Menu"}</span>
        </button>
        <Link href="/incidents" className="font-bold tracking-tight">
          Breakwater
        </Link>
      </div>
      {open ? (
        <div
          className="fixed inset-0 z-30 bg-black/50 md:hidden"
          aria-hidden
          onClick={() => setOpen(false)}
        />
      ) : null}
      <nav
        id="main-nav"
        aria-label="Main"
        className={cn(
          "w-56 shrink-0 flex-col border-r border-line bg-panel md:flex md:h-full",
          open ? "fixed inset-y-0 left-0 z-40 flex overflow-y-auto" : "hidden",
        )}
      >
        <Link
          href="/incidents"
          className="mx-2 mt-2 mb-2 rounded-md px-2 py-2 text-lg font-bold tracking-tight focus-visible:outline-offset-[-2px]"
        >
          Breakwater
        </Link>
        <ul className="flex-1 space-y-0.5 px-2">
          {items.map((item) => {
            const Icon = ICONS[item.icon as keyof typeof ICONS];
            const active = path === item.href || path.startsWith(item.href + "/");
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-3 py-2 text-sm",
                    active ? "bg-panel-2 text-fg" : "text-muted hover:bg-panel-2 hover:text-fg",
                  )}
                >
                  <Icon size={16} aria-hidden /> {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <NotificationBell />
        <DisplaySettings />
        <div className="border-t border-line p-3 text-sm">
          <div className="truncate font-medium" data-testid="current-user">
            {user.name}
          </div>
          <div className="truncate text-xs text-muted">
            {user.email} · <span data-testid="current-role">{user.role}</span>
          </div>
          <form action={logout} className="mt-2">
            <button type="submit" className="flex items-center gap-2 text-muted hover:text-fg">
              <LogOut size={14} aria-hidden /> Sign out
            </button>
          </form>
        </div>
      </nav>
    </>
  );
}
