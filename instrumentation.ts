// Runs once when a server instance starts (Next.js instrumentation hook): opens the
// database and applies migrations before the first request, then starts background work.
export async function register() {
  // Read directly (not via lib/env.ts): Next inlines this exact expression at build time,
  // which is what keeps the Node-only boot code out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/server/boot-server.ts");
  await bootServer();
}
