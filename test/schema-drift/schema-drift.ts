// Pure comparison of what prisma/schema/*.prisma says the database looks like with what the
// migrations actually built. The Prisma side comes from its DMMF (read by the drift test with
// @prisma/internals), the database side from introspect-schema.ts. Migrations are
// hand-written here, so this is the only thing standing between a typo in SQL and a client
// that compiles against columns that do not exist.

export type ColumnShape = {
  type: string;
  array: boolean;
  nullable: boolean;
  default: string | null;
};
export type IndexShape = { name: string; columns: string[]; unique: boolean };
export type ForeignKeyShape = {
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
};
export type SchemaShape = { tables: Record<string, TableShape>; enums: Record<string, string[]> };

// The slice of Prisma's DMMF we read (DMMF.Datamodel), typed here so the pure comparison and
// its unit test do not load @prisma/internals, a large dev-only dependency.
type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: readonly [string, readonly string[]] | null;
  default?: unknown;
  relationName?: string | null;
  relationFromFields?: readonly string[] | null;
  relationToFields?: readonly string[] | null;
  relationOnDelete?: string | null;
  relationOnUpdate?: string | null;
};
type DmmfModel = { name: string; dbName: string | null; fields: readonly DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  dbName?: string | null;
  fields: readonly { name: string }[];
};
export type DmmfDatamodel = {
  models: readonly DmmfModel[];
  enums: readonly {
    name: string;
    dbName?: string | null;
    values: readonly { name: string; dbName: string | null }[];
  }[];
  indexes: readonly DmmfIndex[];
};

// What Prisma Migrate emits for each scalar without @db.*, spelled as format_type() prints it.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeTypeSql(name: string, args: readonly string[]): string {
  const a = args.length ? `(${args.join(",")})` : "";
  const precision = `(${args[0] ?? "3"})`;
  switch (name) {
    case "VarChar":
      return `character varying${a}`;
    case "Char":
      return `character${a}`;
    case "VarBit":
      return `bit varying${a}`;
    case "Decimal":
      return `numeric${a}`;
    case "DoublePrecision":
      return "double precision";
    case "SmallInt":
      return "smallint";
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    case "Timestamp":
      return `timestamp${precision} without time zone`;
    case "Timestamptz":
      return `timestamp${precision} with time zone`;
    case "Time":
      return `time${precision} without time zone`;
    case "Timetz":
      return `time${precision} with time zone`;
    default:
      return `${name.toLowerCase()}${a}`;
  }
}

const ACTIONS: Record<string, string> = {
  Cascade: "Cascade",
  Restrict: "Restrict",
  NoAction: "NoAction",
  SetNull: "SetNull",
  SetDefault: "SetDefault",
};

/** Normalises a default as PostgreSQL prints it (pg_get_expr) or as written in @default(dbgenerated(…)). */
export function normalizeSqlDefault(expr: string | null | undefined): string | null {
  if (expr == null) return null;
  let s = expr.trim();
  if (/^nextval\(/i.test(s)) return "autoincrement()";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(s)) return "now()";
  const array = /^ARRAY\[(.*)\](::[\w" .[\]()]+)?$/s.exec(s);
  if (array) {
    const items = array[1].trim() ? array[1].split(",").map((x) => normalizeSqlDefault(x)) : [];
    return JSON.stringify(items);
  }
  if (/^'\{\}'::[\w" .[\]()]+\[\]$/.test(s)) return "[]";
  // Casts PostgreSQL adds ('active'::"UserStatus", '{}'::jsonb, (-1)::integer) carry no meaning here.
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/::[\w" .]+(\(\d+(,\d+)?\))?(\[\])?$/, "").trim();
    if (/^\(.*\)$/s.test(s)) s = s.slice(1, -1).trim();
  }
  const quoted = /^'(.*)'$/s.exec(s);
  return quoted ? quoted[1].replace(/''/g, "'") : s;
}

function expectedDefault(field: DmmfField): string | null {
  const d = field.default;
  if (d === undefined || d === null) return null;
  if (Array.isArray(d)) return JSON.stringify(d.map((x) => String(x)));
  if (typeof d === "object") {
    const fn = d as { name: string; args?: unknown[] };
    if (fn.name === "autoincrement") return "autoincrement()";
    if (fn.name === "now") return "now()";
    if (fn.name === "dbgenerated")
      return fn.args?.length ? normalizeSqlDefault(String(fn.args[0])) : null;
    // uuid(), cuid(), nanoid(), ulid() are generated by the Prisma client, not the database.
    return null;
  }
  return String(d);
}

/** Prisma's default constraint name, truncated the way PostgreSQL truncates identifiers. */
function defaultName(table: string, columns: string[], suffix: "pkey" | "key" | "idx"): string {
  return suffix === "pkey" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`;
}

export function expectedSchemaFromDmmf(dm: DmmfDatamodel): SchemaShape {
  const enums: Record<string, string[]> = {};
  const enumDbName = new Map<string, string>();
  for (const e of dm.enums) {
    enumDbName.set(e.name, e.dbName ?? e.name);
    enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  }
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? fieldName;
  };
  const scalarType = (f: DmmfField) =>
    f.kind === "enum"
      ? (enumDbName.get(f.type) ?? f.type)
      : f.nativeType
        ? nativeTypeSql(f.nativeType[0], f.nativeType[1])
        : (SCALAR_TYPES[f.type] ?? f.type.toLowerCase());

  const tables: Record<string, TableShape> = {};
  for (const m of dm.models) {
    const table = tableOf(m);
    const t: TableShape = { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] };
    for (const f of m.fields) {
      if (f.kind === "object") {
        if (f.relationFromFields?.length) {
          const target = models.get(f.type)!;
          const anyRequired = f.relationFromFields.some(
            (n) => m.fields.find((x) => x.name === n)?.isRequired,
          );
          t.foreignKeys.push({
            columns: f.relationFromFields.map((n) => columnOf(m, n)),
            refTable: tableOf(target),
            refColumns: (f.relationToFields ?? []).map((n) => columnOf(target, n)),
            // Prisma's defaults when the schema names no action.
            onDelete: ACTIONS[f.relationOnDelete ?? ""] ?? (anyRequired ? "Restrict" : "SetNull"),
            onUpdate: ACTIONS[f.relationOnUpdate ?? ""] ?? "Cascade",
          });
        }
        continue;
      }
      if (f.kind === "unsupported") continue;
      t.columns[f.dbName ?? f.name] = {
        type: scalarType(f),
        array: f.isList,
        // Prisma emits scalar lists without NOT NULL.
        nullable: f.isList ? true : !f.isRequired,
        default: expectedDefault(f),
      };
    }
    for (const ix of dm.indexes.filter((i) => i.model === m.name)) {
      const columns = ix.fields.map((x) => columnOf(m, x.name));
      if (ix.type === "id")
        t.primaryKey = { name: ix.dbName ?? defaultName(table, columns, "pkey"), columns };
      else if (ix.type === "unique" || ix.type === "normal") {
        const unique = ix.type === "unique";
        t.indexes.push({
          name: ix.dbName ?? defaultName(table, columns, unique ? "key" : "idx"),
          columns,
          unique,
        });
      }
    }
    tables[table] = t;
  }

  // Implicit many-to-many relations get a join table "_<RelationName>" (A, B) from Prisma.
  const seen = new Set<string>();
  for (const m of dm.models) {
    for (const f of m.fields) {
      if (
        f.kind !== "object" ||
        !f.isList ||
        f.relationFromFields?.length ||
        !f.relationName ||
        seen.has(f.relationName)
      )
        continue;
      const other = models.get(f.type)!;
      const back = other.fields.find((x) => x.relationName === f.relationName && x !== f);
      if (!back?.isList) continue;
      seen.add(f.relationName);
      const [a, b] = [m, other].sort((x, y) => x.name.localeCompare(y.name));
      const idOf = (x: DmmfModel) =>
        x.fields.find((y) =>
          dm.indexes.some(
            (i) =>
              i.model === x.name &&
              i.type === "id" &&
              i.fields.length === 1 &&
              i.fields[0].name === y.name,
          ),
        )!;
      const name = `_${f.relationName}`;
      const col = (x: DmmfModel): ColumnShape => ({
        type: scalarType(idOf(x)),
        array: false,
        nullable: false,
        default: null,
      });
      tables[name] = {
        columns: { A: col(a), B: col(b) },
        primaryKey: { name: `${name}_AB_pkey`, columns: ["A", "B"] },
        indexes: [{ name: `${name}_B_index`, columns: ["B"], unique: false }],
        foreignKeys: [
          {
            columns: ["A"],
            refTable: tableOf(a),
            refColumns: [idOf(a).dbName ?? idOf(a).name],
            onDelete: "Cascade",
            onUpdate: "Cascade",
          },
          {
            columns: ["B"],
            refTable: tableOf(b),
            refColumns: [idOf(b).dbName ?? idOf(b).name],
            onDelete: "Cascade",
            onUpdate: "Cascade",
          },
        ],
      };
    }
  }
  return { tables, enums };
}
