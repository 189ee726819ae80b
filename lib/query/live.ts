"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/**
 * Subscribes the page to GET /api/v1/live: on each committed change every active query
 * re-reads at once, so a command's delivered → acknowledged → succeeded shows as it happens
 * instead of at the next poll. Polling stays on underneath as the fallback; EventSource
 * reconnects by itself after a drop. Returns whether the stream is up.
 */
export function useLiveChanges(topic: { incident?: string; command?: string }) {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  const qs = new URLSearchParams(
    Object.entries(topic).filter(([, v]) => v) as [string, string][],
  ).toString();
  useEffect(() => {
    if (!qs || typeof EventSource === "undefined") return;
    const es = new EventSource(`/api/v1/live?${qs}`);
    es.addEventListener("ready", () => setLive(true));
    es.addEventListener("change", () => void qc.invalidateQueries({ type: "active" }));
    es.onerror = () => setLive(false);
    return () => es.close();
  }, [qs, qc]);
  return live;
}
