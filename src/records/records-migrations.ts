import type { Migration } from '../platform/index.js';
import { columnTypes } from '../platform/index.js';

export const recordsMigrations: Migration[] = [
  {
    name: '0100-records-filings',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('filing')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('filer_id', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('office', 'text')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('lodged_at', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text')
        .addColumn('is_latest', 'integer', (c) => c.notNull())
        .addColumn('goods_count', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('received_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('filing_key', ['filer_id', 'reference', 'version'])
        .execute();
      // Amendment look-ups go by reference (then filter by filer): keep them off a table scan.
      await db.schema.createIndex('filing_reference_idx').on('filing').column('reference').execute();
      await db.schema.createIndex('filing_received_idx').on('filing').column('received_at').execute();
      await db.schema
        .createTable('filing_party')
        .addColumn('filing_id', 'text', (c) => c.notNull().references('filing.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('party_key', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addPrimaryKeyConstraint('filing_party_pk', ['filing_id', 'position'])
        .execute();
      await db.schema.createIndex('filing_party_key_idx').on('filing_party').columns(['party_key', 'role']).execute();
      await db.schema
        .createTable('goods_item')
        .addColumn('filing_id', 'text', (c) => c.notNull().references('filing.id').onDelete('cascade'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('hs6', 'text', (c) => c.notNull())
        .addColumn('origin', 'text')
        .addColumn('net_mass_kg', t.float)
        .addColumn('value_amount', t.float)
        .addColumn('value_currency', 'text')
        .addPrimaryKeyConstraint('goods_item_pk', ['filing_id', 'sequence'])
        .execute();
      await db.schema.createIndex('goods_item_hs6_idx').on('goods_item').columns(['hs6', 'origin']).execute();
    },
  },
];
