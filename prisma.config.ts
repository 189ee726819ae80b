// Prisma CLI config. The app never reads this: lib/db picks a driver adapter from lib/env.ts.
// The URL is only for `prisma migrate deploy` where the schema engine exists.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/breakwater" },
});
