// The other half of the drift check (schema-drift.ts builds the expected shape): every
// difference between two schema shapes, as a sentence naming the table and column.
import type {
  ColumnShape,
  ForeignKeyShape,
  IndexShape,
  SchemaShape,
  TableShape,
} from "./schema-drift.ts";

const list = (xs: readonly string[]) => `(${xs.join(", ")})`;
const fkKey = (f: ForeignKeyShape) => `${list(f.columns)} → ${f.refTable}${list(f.refColumns)}`;
// PostgreSQL truncates identifiers to 63 bytes; Prisma then shortens names its own way, so
// beyond that length only the columns are compared.
const comparableName = (n: string) => (Buffer.byteLength(n) > 63 ? null : n);

/** Every difference between the schema and the database, as sentences naming table and column. Empty = no drift. */
export function compareSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [name, values] of Object.entries(expected.enums)) {
    const got = actual.enums[name];
    if (!got) {
      out.push(`enum "${name}" is in the schema but not in the database`);
      continue;
    }
    const missing = values.filter((v) => !got.includes(v));
    const extra = got.filter((v) => !values.includes(v));
    if (missing.length)
      out.push(
        `enum "${name}": values ${missing.join(", ")} are in the schema but not in the database`,
      );
    if (extra.length)
      out.push(
        `enum "${name}": values ${extra.join(", ")} are in the database but not in the schema`,
      );
  }
  for (const name of Object.keys(actual.enums)) {
    if (!(name in expected.enums))
      out.push(`enum "${name}" is in the database but not in the schema`);
  }

  for (const [table, want] of Object.entries(expected.tables)) {
    const have = actual.tables[table];
    if (!have) {
      out.push(`table "${table}" is in the schema but not in the database`);
      continue;
    }
    const where = `table "${table}"`;
    for (const [col, w] of Object.entries(want.columns)) {
      const h = have.columns[col];
      if (!h) {
        out.push(`${where}: column "${col}" is in the schema but not in the database`);
        continue;
      }
      const type = (c: ColumnShape) => `${c.type}${c.array ? "[]" : ""}`;
      if (type(w) !== type(h))
        out.push(
          `${where}: column "${col}" has type ${type(w)} in the schema but ${type(h)} in the database`,
        );
      if (w.nullable !== h.nullable) {
        const say = (n: boolean) => (n ? "nullable" : "NOT NULL");
        out.push(
          `${where}: column "${col}" is ${say(w.nullable)} in the schema but ${say(h.nullable)} in the database`,
        );
      }
      if (w.default !== h.default) {
        out.push(
          `${where}: column "${col}" has default ${w.default ?? "(none)"} in the schema but ${h.default ?? "(none)"} in the database`,
        );
      }
    }
    for (const col of Object.keys(have.columns)) {
      if (!(col in want.columns))
        out.push(`${where}: column "${col}" is in the database but not in the schema`);
    }

    const pk = (p: TableShape["primaryKey"]) => (p ? `${p.name} ${list(p.columns)}` : "(none)");
    if (pk(want.primaryKey) !== pk(have.primaryKey)) {
      out.push(
        `${where}: primary key is ${pk(want.primaryKey)} in the schema but ${pk(have.primaryKey)} in the database`,
      );
    }

    const ixKey = (i: IndexShape) => `${i.unique ? "unique " : ""}${list(i.columns)}`;
    const unmatched = [...have.indexes];
    for (const w of want.indexes) {
      const at = unmatched.findIndex(
        (h) => ixKey(h) === ixKey(w) && (comparableName(w.name) === null || h.name === w.name),
      );
      if (at >= 0) {
        unmatched.splice(at, 1);
        continue;
      }
      const sameName = unmatched.find((h) => h.name === w.name);
      out.push(
        sameName
          ? `${where}: index "${w.name}" is ${ixKey(w)} in the schema but ${ixKey(sameName)} in the database`
          : `${where}: ${w.unique ? "unique " : ""}index "${w.name}" ${list(w.columns)} is in the schema but not in the database`,
      );
      if (sameName) unmatched.splice(unmatched.indexOf(sameName), 1);
    }
    for (const h of unmatched) {
      if (!want.indexes.some((w) => w.name === h.name))
        out.push(
          `${where}: index "${h.name}" ${ixKey(h)} is in the database but not in the schema`,
        );
    }

    const fkFull = (f: ForeignKeyShape) =>
      `${fkKey(f)} ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
    const fks = [...have.foreignKeys];
    for (const w of want.foreignKeys) {
      const at = fks.findIndex((h) => fkKey(h) === fkKey(w));
      if (at < 0) {
        out.push(`${where}: foreign key ${fkKey(w)} is in the schema but not in the database`);
        continue;
      }
      const [h] = fks.splice(at, 1);
      if (fkFull(h) !== fkFull(w))
        out.push(
          `${where}: foreign key is ${fkFull(w)} in the schema but ${fkFull(h)} in the database`,
        );
    }
    for (const h of fks)
      out.push(`${where}: foreign key ${fkFull(h)} is in the database but not in the schema`);
  }
  for (const table of Object.keys(actual.tables)) {
    if (!(table in expected.tables))
      out.push(`table "${table}" is in the database but not in the schema`);
  }
  return out;
}
