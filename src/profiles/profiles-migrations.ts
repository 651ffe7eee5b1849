import type { Migration } from '../platform/index.js';

export const profilesMigrations: Migration[] = [
  {
    name: '0300-profiles-versions',
    async up(db) {
      await db.schema
        .createTable('profile')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_agency', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('active_version', 'integer')
        .execute();
      await db.schema
        .createTable('profile_version')
        .addColumn('profile_id', 'text', (c) => c.notNull().references('profile.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('threat', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('last_editor_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('activated_by', 'text')
        .addColumn('activated_at', 'text')
        .addColumn('retired_by', 'text')
        .addColumn('retired_at', 'text')
        .addColumn('runtime_errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_runtime_error', 'text')
        .addColumn('last_runtime_error_at', 'text')
        .addPrimaryKeyConstraint('profile_version_pk', ['profile_id', 'version'])
        .execute();
      await db.schema.createIndex('profile_version_status_idx').on('profile_version').column('status').execute();
      await db.schema
        .createTable('profile_outcome_day')
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('selected', 'integer', (c) => c.notNull())
        .addColumn('inspected', 'integer', (c) => c.notNull())
        .addColumn('findings', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('profile_outcome_day_pk', ['profile_id', 'version', 'day'])
        .execute();
    },
  },
];
