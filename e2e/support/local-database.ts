// The browser tests create and drop whole databases: refuse anything not on this machine.
export function assertLocalDatabaseUrl(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error("TEST_DATABASE_URL is not a valid URL");
  }
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`TEST_DATABASE_URL must point at a local database, not ${host}`);
  }
}
