import type { Migration } from '../platform/index.js';

export const screeningMigrations: Migration[] = [
  {
    name: '0600-screening-lists',
    async up(db) {
      await db.schema
        .createTable('screening_list')
        .addColumn('list', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('entry_count', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('screening_list_version')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('list', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('entry_count', 'integer', (c) => c.notNull())
        .addColumn('added', 'integer', (c) => c.notNull())
        .addColumn('changed', 'integer', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('screening_list_version_list_idx').on('screening_list_version').columns(['list', 'imported_at']).execute();
      await db.schema
        .createTable('screening_entry')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('list', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('screening_entry_list_idx').on('screening_entry').column('list').execute();
    },
  },
  {
    name: '0601-screening-reviews-lookouts',
    async up(db) {
      await db.schema
        .createTable('screening_review')
        .addColumn('party_key', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_hash', 'text', (c) => c.notNull())
        .addColumn('party_name', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('screening_review_pk', ['party_key', 'entry_id'])
        .execute();
      await db.schema
        .createTable('screening_lookout')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
    },
  },
];
