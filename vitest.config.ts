import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "server-only": path.resolve("test/server-only-stub.ts"),
      "@": path.resolve("."),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next*/**", ".data/**"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own process and its own database (PGlite in memory, or a fresh
    // PostgreSQL schema), so files run in parallel without seeing each other's rows.
    isolate: true,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlined, Vite resolves it, so tests can call route handlers behind withUser.
    server: { deps: { inline: ["next-auth"] } },
  },
});
