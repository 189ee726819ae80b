// Once per `vitest run`, before any test file: one migrated in-memory PGlite, dumped to a
// file that every file's PGlite database opens a copy of (test/db.ts). A fresh PGlite runs
// initdb and then every migration, about 2 s on a 2-core box; a copy opens in about 0.3 s,
// and ~90 files open one. The copy is of the same migrations, so nothing under test changes;
// migration tests still start from an empty database (`migrate: false`).
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connectDatabase } from "../lib/db/connect.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { testEnv } from "./env.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await connectDatabase({ kind: "pglite" });
  await applyMigrations(database.sql);
  const blob = await database.snapshot!();
  await database.close();
  const file = path.join(testEnv.TMPDIR, `breakwater-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(file, { force: true });
}
