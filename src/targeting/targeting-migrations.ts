import { columnTypes, type Migration } from '../platform/index.js';

export const targetingMigrations: Migration[] = [
  {
    name: '0500-targeting-referrals',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('referral')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('assessment_id', 'text', (c) => c.notNull().unique())
        .addColumn('filing_id', 'text', (c) => c.notNull())
        .addColumn('filer_id', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('filing_version', 'integer', (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('channel_rank', 'integer', (c) => c.notNull())
        .addColumn('total_points', t.float, (c) => c.notNull())
        .addColumn('deadline_at', 'text')
        .addColumn('deadline_key', 'text', (c) => c.notNull())
        .addColumn('selection', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('threats', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('referral_queue_idx')
        .on('referral')
        .columns(['office', 'status', 'channel_rank', 'total_points', 'deadline_key'])
        .execute();
      await db.schema.createIndex('referral_ref_idx').on('referral').columns(['filer_id', 'reference']).execute();
      await db.schema
        .createTable('referral_action')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('referral_action_ref_idx').on('referral_action').column('referral_id').execute();
    },
  },
  {
    name: '0501-targeting-inspections',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('inspection')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('referral_id', 'text', (c) => c.notNull().unique().references('referral.id'))
        .addColumn('filing_id', 'text', (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('random_control', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('ordered_at', 'text', (c) => c.notNull())
        .addColumn('ordered_by', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('recorded_at', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('notes', 'text')
        .execute();
      await db.schema.createIndex('inspection_office_idx').on('inspection').columns(['office', 'status', 'day']).execute();
      await db.schema.createIndex('inspection_recorded_idx').on('inspection').columns(['recorded_at']).execute();
      await db.schema.createIndex('inspection_filing_idx').on('inspection').columns(['filing_id']).execute();
      await db.schema
        .createTable('inspection_finding')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', t.float)
        .addColumn('quantity_unit', 'text')
        .addColumn('weight_kg', t.float)
        .addColumn('seizure_reference', 'text')
        .execute();
      await db.schema.createIndex('inspection_finding_idx').on('inspection_finding').column('inspection_id').execute();
      await db.schema
        .createTable('inspection_capacity')
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('inspection_capacity_pk', ['office', 'day'])
        .execute();
      await db.schema
        .createTable('targeting_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
