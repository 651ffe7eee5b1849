import { columnTypes, type Migration } from '../../platform/index.js';

export const modelMigrations: Migration[] = [
  {
    name: '0700-model-registry',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('model_version')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // candidate | challenger | champion | retired
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'text', (c) => c.notNull())
        .addColumn('feature_schema', 'text', (c) => c.notNull())
        .addColumn('feature_schema_hash', 'text', (c) => c.notNull())
        .addColumn('training_data_hash', 'text', (c) => c.notNull())
        .addColumn('training_rows', 'integer', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('evaluation', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('model_version_status_idx').on('model_version').columns(['label', 'status']).execute();
      await db.schema
        .createTable('model_shadow_score')
        .addColumn('model_id', 'text', (c) => c.notNull().references('model_version.id').onDelete('cascade'))
        .addColumn('filing_id', 'text', (c) => c.notNull())
        .addColumn('score', t.float, (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull()) // champion | challenger at scoring time
        .addColumn('scored_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('model_shadow_score_pk', ['model_id', 'filing_id'])
        .execute();
      await db.schema.createIndex('model_shadow_filing_idx').on('model_shadow_score').columns(['filing_id']).execute();
    },
  },
];
