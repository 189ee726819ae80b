"use client";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { isSessionEnded, subscribeSessionEnded } from "@/lib/query/session-ended";

/** Shown over the console once a request answered 401 (see lib/query/session-ended.ts). */
export function SessionEndedNotice() {
  const ended = useSyncExternalStore(subscribeSessionEnded, isSessionEnded, () => false);
  const path = usePathname();
  if (!ended) return null;
  return (
    <div
      role="alert"
      data-testid="session-ended"
      className="fixed inset-x-0 top-0 z-50 flex items-center justify-center gap-3 border-b border-line bg-panel-2 px-4 py-2 text-sm"
    >
      Your session has ended.
      <a href={`/login?next=${encodeURIComponent(path)}`} className="font-medium underline">
        Sign in again
      </a>
    </div>
  );
}
