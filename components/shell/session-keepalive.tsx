"use client";
import { useEffect } from "react";
import { markSessionEnded } from "@/lib/query/session-ended";

// The session cookie lives for the idle timeout. While someone is actually working, touch
// the session at most once a minute so it keeps sliding; an unattended tab expires.
export function SessionKeepAlive() {
  useEffect(() => {
    let last = Date.now();
    const onActivity = () => {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      fetch("/api/auth/session", { cache: "no-store" })
        .then((r) => r.json())
        .then((s) => {
          if (!s?.user) markSessionEnded();
        })
        .catch(() => {});
    };
    const events = ["keydown", "pointerdown", "scroll"] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, onActivity));
  }, []);
  return null;
}
