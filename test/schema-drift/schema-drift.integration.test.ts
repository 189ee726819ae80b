import fs from "node:fs";
import path from "node:path";
import internals from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "../db.ts";
import { compareSchemas } from "./compare-schemas.ts";
import { introspectSchema } from "./introspect-schema.ts";
import { type DmmfDatamodel, expectedSchemaFromDmmf, type SchemaShape } from "./schema-drift.ts";

// The guard that prisma/schema/*.prisma and prisma/migrations agree. It reads whatever
// models and migrations exist, so it keeps guarding as new domains land.
const SCHEMA_DIR = path.resolve("prisma/schema");

async function schemaFromPrisma(
  edit: (file: string, text: string) => string = (_f, t) => t,
): Promise<SchemaShape> {
  const files = fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map(
      (f) =>
        [path.join(SCHEMA_DIR, f), edit(f, fs.readFileSync(path.join(SCHEMA_DIR, f), "utf8"))] as [
          string,
          string,
        ],
    );
  const dmmf = await internals.getDMMF({ datamodel: files });
  return expectedSchemaFromDmmf(dmmf.datamodel as unknown as DmmfDatamodel);
}

for (const kind of backends()) {
  describe(`schema drift [${kind}]`, () => {
    let db: TestDatabase;
    let expected: SchemaShape;
    beforeAll(async () => {
      [db, expected] = await Promise.all([createTestDatabase(kind), schemaFromPrisma()]);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("prisma/schema and the migrations describe the same database", async () => {
      const actual = await introspectSchema(db.sql);
      // Sanity: both sides really were read (an empty pair would "agree").
      expect(Object.keys(expected.tables).length).toBeGreaterThan(5);
      expect(Object.keys(actual.tables)).toEqual(
        expect.arrayContaining(["User", "AuditEntry", "Timer"]),
      );
      expect(compareSchemas(expected, actual)).toEqual([]);
    });

    it("notices a schema edit that no migration carries", async () => {
      // As if someone added a field and an index to auth.prisma and forgot the migration.
      const edited = await schemaFromPrisma((file, text) =>
        file === "auth.prisma"
          ? text.replace(
              /(model LoginFailure \{[^}]*?)(\n\s*@@index\(\[email, at\]\))/,
              "$1\n  userAgent String?\n  @@index([userAgent])$2",
            )
          : text,
      );
      expect(compareSchemas(edited, await introspectSchema(db.sql))).toEqual([
        `table "LoginFailure": column "userAgent" is in the schema but not in the database`,
        `table "LoginFailure": index "LoginFailure_userAgent_idx" (userAgent) is in the schema but not in the database`,
      ]);
    });

    it("notices drift introduced into the migrated database", async () => {
      await db.sql.exec(`
        ALTER TABLE "User" ALTER COLUMN "name" DROP NOT NULL;
        DROP INDEX "LoginFailure_ip_at_idx";
        ALTER TABLE "Timer" ADD COLUMN "stray" INTEGER;`);
      const drift = compareSchemas(expected, await introspectSchema(db.sql));
      expect(drift).toEqual(
        expect.arrayContaining([
          `table "User": column "name" is NOT NULL in the schema but nullable in the database`,
          `table "LoginFailure": index "LoginFailure_ip_at_idx" (ip, at) is in the schema but not in the database`,
          `table "Timer": column "stray" is in the database but not in the schema`,
        ]),
      );
      expect(drift).toHaveLength(3);
    });
  });
}
