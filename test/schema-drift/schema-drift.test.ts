import { describe, expect, it } from "vitest";
import { compareSchemas } from "./compare-schemas.ts";
import {
  type DmmfDatamodel,
  expectedSchemaFromDmmf,
  normalizeSqlDefault,
  type SchemaShape,
} from "./schema-drift.ts";

// A hand-written DMMF slice (the shape getDMMF returns) and the database it should produce,
// then one deliberate drift at a time: each must be reported, by name.
const scalar = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  kind: "scalar" as const,
  type,
  isList: false,
  isRequired: true,
  ...extra,
});

const DMMF: DmmfDatamodel = {
  enums: [
    {
      name: "Color",
      values: [
        { name: "red", dbName: null },
        { name: "blue", dbName: null },
      ],
    },
  ],
  models: [
    {
      name: "Widget",
      dbName: null,
      fields: [
        scalar("id", "BigInt", { default: { name: "autoincrement", args: [] } }),
        scalar("name", "String"),
        scalar("note", "String", { isRequired: false }),
        scalar("count", "Int", { default: 1 }),
        scalar("tags", "String", { isList: true }),
        {
          name: "color",
          kind: "enum",
          type: "Color",
          isList: false,
          isRequired: true,
          default: "red",
        },
        scalar("ownerId", "String", { nativeType: ["Uuid", []] }),
        {
          name: "owner",
          kind: "object",
          type: "Owner",
          isList: false,
          isRequired: true,
          relationName: "OwnerToWidget",
          relationFromFields: ["ownerId"],
          relationToFields: ["id"],
          relationOnDelete: "Cascade",
        },
        scalar("createdAt", "DateTime", { default: { name: "now", args: [] } }),
      ],
    },
    {
      name: "Owner",
      dbName: null,
      fields: [
        scalar("id", "String", { nativeType: ["Uuid", []], default: { name: "uuid", args: [4] } }),
        {
          name: "widgets",
          kind: "object",
          type: "Widget",
          isList: true,
          isRequired: true,
          relationName: "OwnerToWidget",
          relationFromFields: [],
          relationToFields: [],
        },
      ],
    },
  ],
  indexes: [
    { model: "Widget", type: "id", fields: [{ name: "id" }] },
    { model: "Widget", type: "unique", fields: [{ name: "ownerId" }, { name: "name" }] },
    { model: "Widget", type: "normal", fields: [{ name: "createdAt" }] },
    { model: "Owner", type: "id", fields: [{ name: "id" }] },
  ],
};

// What the matching migration builds, as introspect-schema.ts reports it.
const database = (): SchemaShape => ({
  enums: { Color: ["red", "blue"] },
  tables: {
    Widget: {
      columns: {
        id: {
          type: "bigint",
          array: false,
          nullable: false,
          default: normalizeSqlDefault(`nextval('"Widget_id_seq"'::regclass)`),
        },
        name: { type: "text", array: false, nullable: false, default: null },
        note: { type: "text", array: false, nullable: true, default: null },
        count: {
          type: "integer",
          array: false,
          nullable: false,
          default: normalizeSqlDefault("1"),
        },
        tags: { type: "text", array: true, nullable: true, default: null },
        color: {
          type: "Color",
          array: false,
          nullable: false,
          default: normalizeSqlDefault(`'red'::"Color"`),
        },
        ownerId: { type: "uuid", array: false, nullable: false, default: null },
        createdAt: {
          type: "timestamp(3) without time zone",
          array: false,
          nullable: false,
          default: normalizeSqlDefault("CURRENT_TIMESTAMP"),
        },
      },
      primaryKey: { name: "Widget_pkey", columns: ["id"] },
      indexes: [
        { name: "Widget_ownerId_name_key", columns: ["ownerId", "name"], unique: true },
        { name: "Widget_createdAt_idx", columns: ["createdAt"], unique: false },
      ],
      foreignKeys: [
        {
          columns: ["ownerId"],
          refTable: "Owner",
          refColumns: ["id"],
          onDelete: "Cascade",
          onUpdate: "Cascade",
        },
      ],
    },
    Owner: {
      columns: { id: { type: "uuid", array: false, nullable: false, default: null } },
      primaryKey: { name: "Owner_pkey", columns: ["id"] },
      indexes: [],
      foreignKeys: [],
    },
  },
});

const expected = expectedSchemaFromDmmf(DMMF);
const driftAfter = (edit: (db: SchemaShape) => void) => {
  const db = database();
  edit(db);
  return compareSchemas(expected, db);
};

describe("schema drift comparison", () => {
  it("reports nothing when schema and database agree", () => {
    expect(compareSchemas(expected, database())).toEqual([]);
  });

  it.each([
    [
      "a missing table",
      (d: SchemaShape) => delete d.tables.Owner,
      `table "Owner" is in the schema but not in the database`,
    ],
    [
      "an extra table",
      (d: SchemaShape) =>
        (d.tables.Stray = { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] }),
      `table "Stray" is in the database but not in the schema`,
    ],
    [
      "a missing column",
      (d: SchemaShape) => delete d.tables.Widget.columns.note,
      `table "Widget": column "note" is in the schema but not in the database`,
    ],
    [
      "an extra column",
      (d: SchemaShape) =>
        (d.tables.Owner.columns.x = { type: "text", array: false, nullable: true, default: null }),
      `table "Owner": column "x" is in the database but not in the schema`,
    ],
    [
      "a wrong type",
      (d: SchemaShape) => (d.tables.Widget.columns.count.type = "bigint"),
      `table "Widget": column "count" has type integer in the schema but bigint in the database`,
    ],
    [
      "a wrong native type",
      (d: SchemaShape) => (d.tables.Widget.columns.ownerId.type = "text"),
      `table "Widget": column "ownerId" has type uuid in the schema but text in the database`,
    ],
    [
      "a lost array",
      (d: SchemaShape) => (d.tables.Widget.columns.tags.array = false),
      `table "Widget": column "tags" has type text[] in the schema but text in the database`,
    ],
    [
      "wrong nullability",
      (d: SchemaShape) => (d.tables.Widget.columns.name.nullable = true),
      `table "Widget": column "name" is NOT NULL in the schema but nullable in the database`,
    ],
    [
      "a missing default",
      (d: SchemaShape) => (d.tables.Widget.columns.color.default = null),
      `table "Widget": column "color" has default red in the schema but (none) in the database`,
    ],
    [
      "a different default",
      (d: SchemaShape) => (d.tables.Widget.columns.count.default = "2"),
      `table "Widget": column "count" has default 1 in the schema but 2 in the database`,
    ],
    [
      "a wrong primary key",
      (d: SchemaShape) => (d.tables.Widget.primaryKey = { name: "Widget_pkey", columns: ["name"] }),
      `table "Widget": primary key is Widget_pkey (id) in the schema but Widget_pkey (name) in the database`,
    ],
    [
      "a unique index that is not unique",
      (d: SchemaShape) => (d.tables.Widget.indexes[0].unique = false),
      `table "Widget": index "Widget_ownerId_name_key" is unique (ownerId, name) in the schema but (ownerId, name) in the database`,
    ],
    [
      "an index on other columns",
      (d: SchemaShape) => (d.tables.Widget.indexes[1].columns = ["name"]),
      `table "Widget": index "Widget_createdAt_idx" is (createdAt) in the schema but (name) in the database`,
    ],
    [
      "a missing index",
      (d: SchemaShape) => d.tables.Widget.indexes.pop(),
      `table "Widget": index "Widget_createdAt_idx" (createdAt) is in the schema but not in the database`,
    ],
    [
      "an extra index",
      (d: SchemaShape) =>
        d.tables.Owner.indexes.push({ name: "Owner_x_idx", columns: ["id"], unique: false }),
      `table "Owner": index "Owner_x_idx" (id) is in the database but not in the schema`,
    ],
    [
      "a missing foreign key",
      (d: SchemaShape) => d.tables.Widget.foreignKeys.pop(),
      `table "Widget": foreign key (ownerId) → Owner(id) is in the schema but not in the database`,
    ],
    [
      "a different delete action",
      (d: SchemaShape) => (d.tables.Widget.foreignKeys[0].onDelete = "Restrict"),
      `table "Widget": foreign key is (ownerId) → Owner(id) ON DELETE Cascade ON UPDATE Cascade in the schema but (ownerId) → Owner(id) ON DELETE Restrict ON UPDATE Cascade in the database`,
    ],
    [
      "a missing enum value",
      (d: SchemaShape) => (d.enums.Color = ["red"]),
      `enum "Color": values blue are in the schema but not in the database`,
    ],
    [
      "an extra enum value",
      (d: SchemaShape) => d.enums.Color.push("green"),
      `enum "Color": values green are in the database but not in the schema`,
    ],
    [
      "a missing enum",
      (d: SchemaShape) => delete d.enums.Color,
      `enum "Color" is in the schema but not in the database`,
    ],
  ])("reports %s", (_what, edit, message) => {
    expect(driftAfter(edit as (d: SchemaShape) => void)).toEqual([message]);
  });

  it("maps Prisma's scalars, lists and defaults the way Prisma Migrate writes them", () => {
    const w = expected.tables.Widget.columns;
    expect(w.id).toEqual({
      type: "bigint",
      array: false,
      nullable: false,
      default: "autoincrement()",
    });
    // Scalar lists are emitted without NOT NULL; uuid() is generated client-side, so no SQL default.
    expect(w.tags).toMatchObject({ type: "text", array: true, nullable: true });
    expect(expected.tables.Owner.columns.id.default).toBeNull();
    // A required relation without an explicit onDelete would be Restrict; this one says Cascade.
    expect(expected.tables.Widget.foreignKeys).toEqual([
      {
        columns: ["ownerId"],
        refTable: "Owner",
        refColumns: ["id"],
        onDelete: "Cascade",
        onUpdate: "Cascade",
      },
    ]);
  });

  it("normalises PostgreSQL's spelling of defaults", () => {
    expect(normalizeSqlDefault(`'active'::"UserStatus"`)).toBe("active");
    expect(normalizeSqlDefault(`'{}'::jsonb`)).toBe("{}");
    expect(normalizeSqlDefault(`(-1)`)).toBe("-1");
    expect(normalizeSqlDefault(`'it''s'::text`)).toBe("it's");
    expect(normalizeSqlDefault(`ARRAY['a'::text, 'b'::text]`)).toBe(`["a","b"]`);
    expect(normalizeSqlDefault(`now()`)).toBe("now()");
    expect(normalizeSqlDefault(null)).toBeNull();
  });
});
