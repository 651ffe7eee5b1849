// Every context's migrations, in one list for the migrator. Names sort by context block.
import type { Migration } from '../platform/index.js';
import { recordsMigrations } from '../records/index.js';
import { accessMigrations } from '../access/index.js';
import { profilesMigrations } from '../profiles/index.js';
import { assessmentMigrations } from '../assessment/index.js';
import { targetingMigrations } from '../targeting/index.js';
import { screeningMigrations } from '../screening/index.js';
import { modelMigrations } from '../model/index.js';
import { exchangeMigrations } from '../exchange/index.js';

export function allMigrations(): Migration[] {
  return [...recordsMigrations, ...accessMigrations, ...profilesMigrations, ...assessmentMigrations, ...targetingMigrations, ...screeningMigrations, ...modelMigrations, ...exchangeMigrations];
}
