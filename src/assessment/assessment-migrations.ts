import { columnTypes, type Migration } from '../platform/index.js';

export const assessmentMigrations: Migration[] = [
  {
    name: '0400-assessment-assessments',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('assessment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('filing_id', 'text', (c) => c.notNull().unique())
        .addColumn('filer_id', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('filing_version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('office', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text')
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addColumn('total_points', t.float, (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('forced_by', 'text')
        .addColumn('explanation', 'text', (c) => c.notNull())
        .addColumn('factors', 'text', (c) => c.notNull())
        .addColumn('profile_errors', 'text', (c) => c.notNull())
        .addColumn('source_errors', 'text', (c) => c.notNull())
        .addColumn('versions', 'text', (c) => c.notNull())
        .addColumn('marking', 'text')
        .addColumn('trigger_kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assessment_ref_idx').on('assessment').columns(['filer_id', 'reference']).execute();
      await db.schema.createIndex('assessment_time_idx').on('assessment').columns(['assessed_at']).execute();
      await db.schema
        .createTable('assessment_profile_flag')
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('profile_version', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_message', 'text', (c) => c.notNull())
        .addColumn('last_filing_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_profile_flag_pk', ['profile_id', 'profile_version'])
        .execute();
    },
  },
];
