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
