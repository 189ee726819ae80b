"use client";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DrillBadge } from "@/components/drills/drill-badge";
import { Time } from "@/components/ui/time";
import { useMarkRead, useNotifications } from "@/lib/notifications/queries";
import { cn } from "@/lib/ui/cn";

/** In-app notifications: unread count on the bell, a list, mark one or all read. */
const isDrill = (n: { drillKey: string | null; title: string }) =>
  Boolean(n.drillKey) || n.title.startsWith("DRILL");

export function NotificationBell() {
  const q = useNotifications();
  const mark = useMarkRead();
  const [open, setOpen] = useState(false);
  const unread = q.data?.unread ?? 0;
  return (
    <div className="relative px-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-sm text-muted hover:bg-panel-2 hover:text-fg"
        data-testid="notification-bell"
      >
        <Bell size={16} aria-hidden /> Notifications
        {unread ? (
          <span
            className="ml-auto rounded-full bg-danger px-1.5 text-xs font-bold text-white"
            data-testid="unread-count"
            aria-label={`${unread} unread`}
          >
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id="notifications-panel"
          role="region"
          aria-label="Notifications"
          className="absolute bottom-full left-2 z-20 mb-2 max-h-96 w-80 overflow-y-auto rounded-lg border border-line bg-panel p-2 shadow-xl"
        >
          <div className="mb-1 flex items-center justify-between px-1">
            <span className="text-sm font-semibold">Notifications</span>
            <Link href="/settings/notifications" className="text-xs text-accent hover:underline">
              E-mail settings
            </Link>
            {unread ? (
              <button
                type="button"
                className="text-xs text-accent hover:underline"
                onClick={() => mark.mutate({ all: true })}
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {q.data?.items.length ? (
            <ul className="space-y-1">
              {q.data.items.map((n) => (
                <li
                  key={n.id}
                  data-drill={isDrill(n) || undefined}
                  className={cn(
                    n.readAt ? "rounded p-2 text-muted" : "rounded bg-panel-2 p-2",
                    isDrill(n) && "border-l-4 border-drill",
                  )}
                >
                  <div className="text-sm font-medium">
                    {n.drillKey && !n.title.startsWith("DRILL") ? (
                      <DrillBadge className="mr-1" runKey={n.drillKey} />
                    ) : null}
                    {n.link ? (
                      <Link
                        href={n.link}
                        className="hover:underline"
                        onClick={() => mark.mutate({ ids: [n.id] })}
                      >
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </div>
                  <div className="text-xs">{n.body}</div>
                  <div className="flex justify-between text-xs text-muted">
                    <Time value={n.createdAt} relative />
                    {!n.readAt ? (
                      <button
                        type="button"
                        className="text-accent hover:underline"
                        onClick={() => mark.mutate({ ids: [n.id] })}
                      >
                        Mark read
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-2 text-sm text-muted">Nothing yet.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
