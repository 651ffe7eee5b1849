// Migrations run at start. Each bounded context contributes its own migrations (in its
// `*-migrations.ts` file); the composition root hands them all to `migrate`. Names carry a
// sortable prefix so contexts interleave deterministically.
import { Migrator, sql, type Kysely, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { DialectName } from './database.js';

// Migrations are deliberately untyped against the tables: they must keep compiling when the
// table types move on (Kysely's own guidance), so this is the one place `any` is allowed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  /** e.g. `0101-records-filings`: the order is the lexical order of names. */
  name: string;
  up(db: MigrationDb, dialect: DialectName): Promise<void>;
}

export async function migrate<DB>(typed: Kysely<DB>, dialect: DialectName, migrations: Migration[]): Promise<string[]> {
  const db: MigrationDb = typed;
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new Error(`duplicate migration name ${m.name}`);
    names.add(m.name);
  }
  const provider: MigrationProvider = {
    getMigrations: async () => {
      const out: Record<string, KyselyMigration> = {};
      for (const m of migrations) out[m.name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  // On PostgreSQL, name the schema: Kysely otherwise takes a same-named migration table in any
  // schema of the database (another node's, a test's) as ours.
  let schema: string | undefined;
  if (dialect === 'postgres') {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = r.rows[0]?.s;
  }
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'tandem_migration',
    migrationLockTableName: 'tandem_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Column type helpers: the few places where SQLite and PostgreSQL differ. */
export const columnTypes = (dialect: DialectName) => ({
  /** auto-incrementing integer primary key */
  serial: dialect === 'postgres' ? ('bigserial' as const) : ('integer' as const),
  bigint: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
  float: dialect === 'postgres' ? ('double precision' as const) : ('real' as const),
});
