import type { Migration } from '../platform/index.js';
import { columnTypes } from '../platform/index.js';

export const exchangeMigrations: Migration[] = [
  {
    name: '0800-exchange-partners-agreements',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('exchange_partner')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('base_url', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('jwks', 'text', (c) => c.notNull())
        .addColumn('next_out_seq', t.bigint, (c) => c.notNull())
        .addColumn('last_in_seq', t.bigint, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('exchange_agreement')
        .addColumn('partner_id', 'text', (c) => c.notNull().references('exchange_partner.id').onDelete('cascade'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_agreement_pk', ['partner_id', 'direction'])
        .execute();
    },
  },
  {
    name: '0801-exchange-items-outbox-inbox',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('exchange_item')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('originator', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('purposes', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text', (c) => c.notNull())
        .addColumn('pap', 'text', (c) => c.notNull())
        .addColumn('caveats', 'text', (c) => c.notNull())
        .addColumn('retain_until', 'text', (c) => c.notNull())
        .addColumn('onward_consent', 'integer', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('provenance', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('purged_at', 'text')
        .execute();
      await db.schema.createIndex('exchange_item_kind_idx').on('exchange_item').columns(['direction', 'kind', 'status']).execute();
      await db.schema.createIndex('exchange_item_reply_idx').on('exchange_item').column('in_reply_to').execute();
      await db.schema.createIndex('exchange_item_retain_idx').on('exchange_item').columns(['status', 'retain_until']).execute();
      await db.schema
        .createTable('exchange_outbox')
        .addColumn('item_id', 'text', (c) => c.primaryKey().references('exchange_item.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('envelope_id', 'text', (c) => c.notNull().unique())
        .addColumn('seq', t.bigint)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('wire_item', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addColumn('released_by', 'text')
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('exchange_outbox_queue_idx').on('exchange_outbox').columns(['partner_id', 'status', 'seq']).execute();
      await db.schema
        .createTable('exchange_inbox')
        .addColumn('envelope_id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('item_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchange_inbox_partner_idx').on('exchange_inbox').columns(['partner_id', 'received_at']).execute();
      await db.schema
        .createTable('exchange_seen_signature')
        .addColumn('signature_hash', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0802-exchange-hits-rfas',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('exchange_hit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('subject_ref', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'text', (c) => c.notNull())
        .addColumn('points', t.float, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('exchange_hit_once', ['item_id', 'assessment_id'])
        .execute();
      await db.schema.createIndex('exchange_hit_subject_idx').on('exchange_hit').column('subject_ref').execute();
      await db.schema
        .createTable('exchange_rfa')
        .addColumn('item_id', 'text', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('answer_item_id', 'text')
        .addColumn('answered_at', 'text')
        .execute();
    },
  },
];
