export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

export const KIND_LABEL: Record<string, string> = {
  log: "Log",
  process_dump: "Process dump",
  network_capture: "Network capture",
  memory_image: "Memory image",
  screenshot: "Screenshot",
  other: "Other",
};

export const shortHash = (h: string) => `${h.slice(0, 12)}…${h.slice(-6)}`;

type CustodyWho = { action: string; actorType: string; actorLabel: string };

function who(c: CustodyWho): string {
  if (c.actorType === "host") return `host ${c.actorLabel}`;
  if (c.actorType === "system") return "Breakwater";
  return c.actorLabel;
}

/** One custody entry as a sentence that reads the right way round: the actor recorded on a
 *  "received" entry is the host that sent the bytes, not the one that received them. */
export function describeCustodyAction(c: CustodyWho): string {
  const by = who(c);
  switch (c.action) {
    case "collected":
      return c.actorType === "host" ? `Collected on ${by}` : `Collected by ${by}`;
    case "received":
      return `Received by Breakwater from ${by}`;
    case "verified":
      return `SHA-256 verified by ${by}`;
    case "viewed":
      return `Record viewed by ${by}`;
    case "downloaded":
      return `Downloaded by ${by}`;
    case "hold_applied":
      return `Legal hold applied by ${by}`;
    case "hold_released":
      return `Legal hold released by ${by}`;
    case "purged":
      return c.actorType === "system"
        ? "Purged by Breakwater (retention period ended)"
        : `Purged by ${by}`;
    case "deleted":
      return `Deleted by ${by}`;
    default:
      return `${c.action} by ${by}`;
  }
}
