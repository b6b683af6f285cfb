// Compares the live database with prisma/schema.prisma. Our migrations are hand-written SQL
// (the Prisma CLI cannot diff here), so this is what catches a migration and the schema
// disagreeing: tables, columns (type, nullability), enums, primary keys, unique and plain
// indexes, and foreign keys. Defaults and implicit many-to-many join tables are not compared
// (this schema has none of the latter).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { z } from "zod";

const DEFAULT_SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

/** Postgres' limit on identifier length; Prisma truncates generated constraint names to it. */
const MAX_IDENTIFIER_LENGTH = 63;
const IGNORED_TABLES = new Set(["_prisma_migrations"]);

type Column = { type: string; notNull: boolean };
type Index = { name: string; columns: string[]; unique: boolean };
type ForeignKey = { columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string; onUpdate: string };
type Table = { columns: Map<string, Column>; primaryKey: Index | null; indexes: Index[]; foreignKeys: ForeignKey[] };
type SchemaShape = { tables: Map<string, Table>; enums: Map<string, string[]> };

export async function findSchemaDrift(options: { connectionString: string; schemaPath?: string }): Promise<string[]> {
  const schemaText = await readFile(options.schemaPath ?? DEFAULT_SCHEMA_PATH, "utf8");
  const expected = shapeFromPrismaSchema(schemaText);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    return compareShapes(expected, await shapeFromDatabase(client));
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// schema.prisma → shape, through the DMMF of Prisma's own parser (only the parts we use).

const dmmfName = z.string().nullish();
const dmmfSchema = z.object({
  datamodel: z.object({
    enums: z.array(z.object({ name: z.string(), dbName: dmmfName, values: z.array(z.object({ name: z.string(), dbName: dmmfName })) })),
    models: z.array(
      z.object({
        name: z.string(),
        dbName: dmmfName,
        fields: z.array(
          z.object({
            name: z.string(),
            // Absent (not null) when the field has no @map.
            dbName: dmmfName,
            kind: z.enum(["scalar", "enum", "object", "unsupported"]),
            type: z.string(),
            isList: z.boolean(),
            isRequired: z.boolean(),
            nativeType: z.tuple([z.string(), z.array(z.string())]).nullish(),
            relationFromFields: z.array(z.string()).optional(),
            relationToFields: z.array(z.string()).optional(),
            // Absent when the relation does not set them; Prisma's defaults then apply.
            relationOnDelete: z.string().optional(),
            relationOnUpdate: z.string().optional(),
          }),
        ),
      }),
    ),
    // Every @id/@@id, @unique/@@unique and @@index, in declaration order; dbName only when `map:` is given.
    indexes: z.array(
      z.object({
        model: z.string(),
        type: z.enum(["id", "unique", "normal", "fulltext"]),
        dbName: z.string().optional(),
        fields: z.array(z.object({ name: z.string() })),
      }),
    ),
  }),
});
type Dmmf = z.infer<typeof dmmfSchema>["datamodel"];
type DmmfModel = Dmmf["models"][number];
type DmmfField = DmmfModel["fields"][number];

function shapeFromPrismaSchema(schemaText: string): SchemaShape {
  const dmmf = dmmfSchema.parse(JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText })))).datamodel;
  const enumDbNames = new Map(dmmf.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(dmmf.models.map((m) => [m.name, m]));
  const shape: SchemaShape = { tables: new Map(), enums: new Map() };

  for (const e of dmmf.enums) shape.enums.set(e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name));

  for (const model of dmmf.models) {
    const tableName = model.dbName ?? model.name;
    const table: Table = { columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      // Postgres has no NOT NULL for array elements; Prisma leaves list columns nullable.
      table.columns.set(columnName(field), { type: expectedColumnType(field, enumDbNames), notNull: field.isRequired && !field.isList });
    }
    for (const index of dmmf.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnName(fieldOf(model, f.name)));
      if (index.type === "id") {
        table.primaryKey = { name: index.dbName ?? primaryKeyName(tableName), columns, unique: true };
      } else {
        const unique = index.type === "unique";
        table.indexes.push({ name: index.dbName ?? indexName(tableName, columns, unique ? "_key" : "_idx"), columns, unique });
      }
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type);
      if (!target) throw new Error(`schema.prisma: relation ${model.name}.${field.name} points at unknown model ${field.type}`);
      table.foreignKeys.push({
        columns: field.relationFromFields.map((name) => columnName(fieldOf(model, name))),
        referencedTable: target.dbName ?? target.name,
        referencedColumns: (field.relationToFields ?? []).map((name) => columnName(fieldOf(target, name))),
        // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; updates cascade.
        onDelete: referentialAction(field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")),
        onUpdate: referentialAction(field.relationOnUpdate ?? "Cascade"),
      });
    }
    shape.tables.set(tableName, table);
  }
  return shape;
}

function fieldOf(model: DmmfModel, name: string): DmmfField {
  const field = model.fields.find((f) => f.name === name);
  if (!field) throw new Error(`schema.prisma: ${model.name} has no field ${name}`);
  return field;
}

function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

/** The type as Postgres' format_type() prints it, or `enum "Name"` for enums. */
function expectedColumnType(field: DmmfField, enumDbNames: Map<string, string>): string {
  const list = field.isList ? "[]" : "";
  if (field.kind === "enum") return `enum "${enumDbNames.get(field.type) ?? field.type}"${list}`;
  if (field.kind === "unsupported") return `unsupported ${field.type}`;
  if (field.nativeType) return nativeTypeName(field.nativeType[0], field.nativeType[1]) + list;
  const defaults: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return (defaults[field.type] ?? `unknown Prisma type ${field.type}`) + list;
}

function nativeTypeName(name: string, args: string[]): string {
  const a = args.length > 0 ? `(${args.join(",")})` : "";
  const simple: Record<string, string> = {
    Text: "text",
    Uuid: "uuid",
    Integer: "integer",
    SmallInt: "smallint",
    BigInt: "bigint",
    Oid: "oid",
    Real: "real",
    DoublePrecision: "double precision",
    Money: "money",
    Boolean: "boolean",
    ByteA: "bytea",
    Json: "json",
    JsonB: "jsonb",
    Xml: "xml",
    Inet: "inet",
    Citext: "citext",
    Date: "date",
  };
  const withArgs: Record<string, string> = {
    VarChar: `character varying${a}`,
    // Postgres' CHAR without a length is CHAR(1).
    Char: `character${a || "(1)"}`,
    Bit: `bit${a || "(1)"}`,
    VarBit: `bit varying${a}`,
    Decimal: `numeric${a}`,
    Timestamp: `timestamp${a} without time zone`,
    Timestamptz: `timestamp${a} with time zone`,
    Time: `time${a} without time zone`,
    Timetz: `time${a} with time zone`,
  };
  return simple[name] ?? withArgs[name] ?? `unknown native type @db.${name}`;
}

function referentialAction(prismaAction: string): string {
  const sql: Record<string, string> = {
    Cascade: "CASCADE",
    Restrict: "RESTRICT",
    NoAction: "NO ACTION",
    SetNull: "SET NULL",
    SetDefault: "SET DEFAULT",
  };
  return sql[prismaAction] ?? prismaAction;
}

/** Prisma's ConstraintNames: `{table}_pkey`, truncated to fit the identifier limit. */
function primaryKeyName(table: string): string {
  const suffix = "_pkey";
  return truncate(table, MAX_IDENTIFIER_LENGTH - suffix.length) + suffix;
}

/** Prisma's ConstraintNames: `{table}_{col1}_{col2}{suffix}`, truncated before the suffix. */
function indexName(table: string, columns: string[], suffix: string): string {
  return truncate(`${table}_${columns.join("_")}`, MAX_IDENTIFIER_LENGTH - suffix.length) + suffix;
}

/** Truncates to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncate(value: string, maxBytes: number): string {
  let out = "";
  for (const char of value) {
    if (Buffer.byteLength(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Live database → shape (schema `public`), from pg_catalog so names and types are exact.

type ColumnRow = { table_name: string; column_name: string; not_null: boolean; formatted: string; enum_name: string | null; is_array: boolean };
type IndexRow = { table_name: string; index_name: string; is_unique: boolean; is_primary: boolean; columns: (string | null)[]; is_partial: boolean };
type ForeignKeyRow = {
  table_name: string;
  referenced_table: string;
  on_delete: string;
  on_update: string;
  columns: string[];
  referenced_columns: string[];
};

const TABLES_SQL = `
SELECT c.relname AS table_name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`;

const COLUMNS_SQL = `
SELECT c.relname AS table_name, a.attname AS column_name, a.attnotnull AS not_null,
       format_type(a.atttypid, a.atttypmod) AS formatted,
       CASE WHEN t.typtype = 'e' THEN t.typname::text WHEN et.typtype = 'e' THEN et.typname::text END AS enum_name,
       (t.typcategory = 'A') AS is_array
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

const ENUMS_SQL = `
SELECT t.typname AS enum_name, e.enumlabel AS label
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = 'public' AND t.typtype = 'e'
ORDER BY t.typname, e.enumsortorder`;

// Key columns only (not INCLUDE columns); an expression column comes back as NULL.
const INDEXES_SQL = `
SELECT tc.relname AS table_name, ic.relname AS index_name, ix.indisunique AS is_unique,
       ix.indisprimary AS is_primary, (ix.indpred IS NOT NULL) AS is_partial,
       array_agg(a.attname::text ORDER BY k.ord) AS columns
FROM pg_index ix
JOIN pg_class ic ON ic.oid = ix.indexrelid
JOIN pg_class tc ON tc.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = tc.relnamespace
CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = k.attnum AND k.attnum > 0
WHERE n.nspname = 'public' AND k.ord <= ix.indnkeyatts
GROUP BY tc.relname, ic.relname, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL`;

const FOREIGN_KEYS_SQL = `
SELECT c.relname AS table_name, rc.relname AS referenced_table,
       con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_class rc ON rc.oid = con.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND n.nspname = 'public'`;

/** pg_constraint's one-letter referential actions. */
const ACTION_CODES: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

async function shapeFromDatabase(client: pg.Client): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: new Map(), enums: new Map() };
  const tableOf = (name: string): Table | undefined => shape.tables.get(name);

  for (const row of (await client.query<{ table_name: string }>(TABLES_SQL)).rows) {
    if (IGNORED_TABLES.has(row.table_name)) continue;
    shape.tables.set(row.table_name, { columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [] });
  }
  for (const row of (await client.query<ColumnRow>(COLUMNS_SQL)).rows) {
    const type = row.enum_name === null ? row.formatted : `enum "${row.enum_name}"${row.is_array ? "[]" : ""}`;
    tableOf(row.table_name)?.columns.set(row.column_name, { type, notNull: row.not_null });
  }
  for (const row of (await client.query<{ enum_name: string; label: string | null }>(ENUMS_SQL)).rows) {
    const values = shape.enums.get(row.enum_name) ?? [];
    if (row.label !== null) values.push(row.label);
    shape.enums.set(row.enum_name, values);
  }
  for (const row of (await client.query<IndexRow>(INDEXES_SQL)).rows) {
    const table = tableOf(row.table_name);
    if (!table) continue;
    const columns = row.columns.map((c) => c ?? "(expression)");
    // Prisma never creates partial indexes, so one that is partial is shown as such.
    const name = row.is_partial ? `${row.index_name} (partial)` : row.index_name;
    if (row.is_primary) table.primaryKey = { name, columns, unique: true };
    else table.indexes.push({ name, columns, unique: row.is_unique });
  }
  for (const row of (await client.query<ForeignKeyRow>(FOREIGN_KEYS_SQL)).rows) {
    tableOf(row.table_name)?.foreignKeys.push({
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: ACTION_CODES[row.on_delete] ?? row.on_delete,
      onUpdate: ACTION_CODES[row.on_update] ?? row.on_update,
    });
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Comparison. Messages name the object and say which side has what.

function compareShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const drift: string[] = [];

  for (const [name, values] of expected.enums) {
    const actualValues = actual.enums.get(name);
    if (!actualValues) drift.push(`enum "${name}" is in schema.prisma but missing from the database`);
    else if (actualValues.join(",") !== values.join(",")) {
      drift.push(`enum "${name}": the database has values (${actualValues.join(", ")}), schema.prisma has (${values.join(", ")})`);
    }
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) drift.push(`enum "${name}" exists in the database but not in schema.prisma`);
  }

  for (const [name, table] of expected.tables) {
    const actualTable = actual.tables.get(name);
    if (!actualTable) drift.push(`table "${name}" is in schema.prisma but missing from the database`);
    else compareTables(name, table, actualTable, drift);
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) drift.push(`table "${name}" exists in the database but not in schema.prisma`);
  }
  return drift;
}

function compareTables(tableName: string, expected: Table, actual: Table, drift: string[]): void {
  for (const [name, column] of expected.columns) {
    const actualColumn = actual.columns.get(name);
    const label = `column "${tableName}"."${name}"`;
    if (!actualColumn) {
      drift.push(`${label} is in schema.prisma but missing from the database`);
      continue;
    }
    if (actualColumn.type !== column.type) {
      drift.push(`${label}: the database type is ${actualColumn.type}, schema.prisma expects ${column.type}`);
    }
    if (actualColumn.notNull !== column.notNull) {
      drift.push(`${label}: the database has it ${nullability(actualColumn.notNull)}, schema.prisma has it ${nullability(column.notNull)}`);
    }
  }
  for (const name of actual.columns.keys()) {
    if (!expected.columns.has(name)) drift.push(`column "${tableName}"."${name}" exists in the database but not in schema.prisma`);
  }

  comparePrimaryKeys(tableName, expected.primaryKey, actual.primaryKey, drift);
  compareIndexes(tableName, expected.indexes, actual.indexes, drift);
  compareForeignKeys(tableName, expected.foreignKeys, actual.foreignKeys, drift);
}

function comparePrimaryKeys(tableName: string, expected: Index | null, actual: Index | null, drift: string[]): void {
  const label = `primary key of "${tableName}"`;
  if (expected && !actual) drift.push(`${label} ${describeColumns(expected.columns)} is in schema.prisma but missing from the database`);
  else if (!expected && actual) drift.push(`${label} ${describeColumns(actual.columns)} exists in the database but not in schema.prisma`);
  else if (expected && actual) {
    if (!sameList(expected.columns, actual.columns)) {
      drift.push(`${label}: the database has ${describeColumns(actual.columns)}, schema.prisma has ${describeColumns(expected.columns)}`);
    }
    if (expected.name !== actual.name) drift.push(`${label} is named "${actual.name}" in the database, schema.prisma expects "${expected.name}"`);
  }
}

/** Indexes match by name; an unmatched pair with the same columns and kind is reported as a rename. */
function compareIndexes(tableName: string, expected: Index[], actual: Index[], drift: string[]): void {
  const unmatched = new Map(actual.map((index) => [index.name, index]));
  const missing: Index[] = [];
  for (const index of expected) {
    const found = unmatched.get(index.name);
    if (!found) {
      missing.push(index);
      continue;
    }
    unmatched.delete(index.name);
    if (!sameList(found.columns, index.columns) || found.unique !== index.unique) {
      drift.push(
        `index "${index.name}" on "${tableName}": the database has a ${describeIndex(found, false)}, schema.prisma has a ${describeIndex(index, false)}`,
      );
    }
  }
  for (const index of missing) {
    const renamed = [...unmatched.values()].find((a) => a.unique === index.unique && sameList(a.columns, index.columns));
    if (renamed) {
      unmatched.delete(renamed.name);
      drift.push(`${describeIndex(index, false)} on "${tableName}" is named "${renamed.name}" in the database, schema.prisma expects "${index.name}"`);
    } else {
      drift.push(`${describeIndex(index)} on "${tableName}" is in schema.prisma but missing from the database`);
    }
  }
  for (const index of unmatched.values()) {
    drift.push(`${describeIndex(index)} on "${tableName}" exists in the database but not in schema.prisma`);
  }
}

/**
 * Foreign keys match by their columns, not by name: DMMF does not expose a relation's `map:`
 * constraint name, so a custom one could not be checked anyway.
 */
function compareForeignKeys(tableName: string, expected: ForeignKey[], actual: ForeignKey[], drift: string[]): void {
  const remaining = [...actual];
  for (const fk of expected) {
    const label = `foreign key on "${tableName}" ${describeColumns(fk.columns)}`;
    const at = remaining.findIndex((a) => sameList(a.columns, fk.columns));
    const found = remaining[at];
    if (!found) {
      drift.push(`${label} → "${fk.referencedTable}" is in schema.prisma but missing from the database`);
      continue;
    }
    remaining.splice(at, 1);
    const expectedTarget = `"${fk.referencedTable}" ${describeColumns(fk.referencedColumns)}`;
    const actualTarget = `"${found.referencedTable}" ${describeColumns(found.referencedColumns)}`;
    if (expectedTarget !== actualTarget) drift.push(`${label}: the database references ${actualTarget}, schema.prisma ${expectedTarget}`);
    if (found.onDelete !== fk.onDelete) drift.push(`${label}: the database has ON DELETE ${found.onDelete}, schema.prisma expects ON DELETE ${fk.onDelete}`);
    if (found.onUpdate !== fk.onUpdate) drift.push(`${label}: the database has ON UPDATE ${found.onUpdate}, schema.prisma expects ON UPDATE ${fk.onUpdate}`);
  }
  for (const fk of remaining) {
    drift.push(`foreign key on "${tableName}" ${describeColumns(fk.columns)} → "${fk.referencedTable}" exists in the database but not in schema.prisma`);
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function describeColumns(columns: string[]): string {
  return `(${columns.join(", ")})`;
}

function describeIndex(index: Index, withName = true): string {
  const name = withName ? ` "${index.name}"` : "";
  return `${index.unique ? "unique index" : "index"}${name} ${describeColumns(index.columns)}`;
}

function nullability(notNull: boolean): string {
  return notNull ? "NOT NULL" : "nullable";
}
