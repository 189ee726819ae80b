import type { SqlRunner } from "../../lib/db/sql-runner.ts";
import { normalizeSqlDefault, type SchemaShape, type TableShape } from "./schema-drift.ts";

// Reads the current schema (search_path's first schema: "public" on PGlite, the test schema on
// PostgreSQL) from pg_catalog into the shape schema-drift.ts compares. Partitions and
// Prisma's own bookkeeping table are not part of the data model.

const ACTION: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

export async function introspectSchema(sql: SqlRunner): Promise<SchemaShape> {
  const tables = await sql.query<{ table: string }>(`
    SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> '_prisma_migrations'`);
  const columns = await sql.query<{
    table: string;
    column: string;
    notnull: boolean;
    formatted: string;
    typtype: string;
    typname: string;
    elemtyptype: string | null;
    elemtypname: string | null;
    def: string | null;
  }>(`
    SELECT c.relname AS "table", a.attname AS "column", a.attnotnull AS notnull,
           format_type(a.atttypid, a.atttypmod) AS formatted, t.typtype::text AS typtype, t.typname::text AS typname,
           et.typtype::text AS elemtyptype, et.typname::text AS elemtypname, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  const indexes = await sql.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    partial: boolean;
    expression: boolean;
    columns: string[];
  }>(`
    SELECT c.relname AS "table", i.relname AS name, x.indisunique AS "unique", x.indisprimary AS "primary",
           x.indpred IS NOT NULL AS partial, x.indexprs IS NOT NULL AS expression,
           ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
    FROM pg_index x
    JOIN pg_class c ON c.oid = x.indrelid
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, i.relname`);
  const fks = await sql.query<{
    table: string;
    ref_table: string;
    del: string;
    upd: string;
    columns: string[];
    ref_columns: string[];
  }>(`
    SELECT c.relname AS "table", rc.relname AS ref_table, con.confdeltype::text AS del, con.confupdtype::text AS upd,
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS ref_columns
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class rc ON rc.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema() AND NOT c.relispartition
    ORDER BY c.relname, con.conname`);
  const enums = await sql.query<{ name: string; label: string }>(`
    SELECT t.typname::text AS name, e.enumlabel::text AS label
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema()
    ORDER BY t.typname, e.enumsortorder`);

  const shape: SchemaShape = { tables: {}, enums: {} };
  for (const { table } of tables)
    shape.tables[table] = {
      columns: {},
      primaryKey: null,
      indexes: [],
      foreignKeys: [],
    } satisfies TableShape;
  for (const c of columns) {
    const t = shape.tables[c.table];
    if (!t) continue;
    const array = c.elemtypname !== null;
    // Enums by their bare name: format_type() would schema-qualify or quote them.
    const type = array
      ? c.elemtyptype === "e"
        ? c.elemtypname!
        : c.formatted.replace(/\[\]$/, "")
      : c.typtype === "e"
        ? c.typname
        : c.formatted;
    t.columns[c.column] = {
      type,
      array,
      nullable: !c.notnull,
      default: normalizeSqlDefault(c.def),
    };
  }
  for (const ix of indexes) {
    const t = shape.tables[ix.table];
    if (!t) continue;
    if (ix.primary) t.primaryKey = { name: ix.name, columns: ix.columns };
    // Partial and expression indexes cannot be written in a Prisma schema; they are a
    // deliberate hand-written addition, not drift.
    else if (!ix.partial && !ix.expression)
      t.indexes.push({ name: ix.name, columns: ix.columns, unique: ix.unique });
  }
  for (const f of fks) {
    shape.tables[f.table]?.foreignKeys.push({
      columns: f.columns,
      refTable: f.ref_table,
      refColumns: f.ref_columns,
      onDelete: ACTION[f.del] ?? f.del,
      onUpdate: ACTION[f.upd] ?? f.upd,
    });
  }
  for (const e of enums) (shape.enums[e.name] ??= []).push(e.label);
  return shape;
}
