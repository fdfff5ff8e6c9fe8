import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000001 } from './Migration20261124000001_initial';
import { Migration20261124000002 } from './Migration20261124000002_user_role';
import { Migration20261124000003 } from './Migration20261124000003_day_keys';
import { Migration20261124000004 } from './Migration20261124000004_sort_indexes';
import { Migration20261125000005 } from './Migration20261125000005_rollups';
import { Migration20261126000006 } from './Migration20261126000006_health_per_score';
import { Migration20261127000007 } from './Migration20261127000007_work_queue';
import { Migration20261127000008 } from './Migration20261127000008_queue_times';
import { Migration20261127000009 } from './Migration20261127000009_rollup_shards';

/** Every sqlite migration, oldest first. Listed here (not globbed) so tsc output and ts-jest load the same set. */
export const sqliteMigrations: MigrationObject[] = [
  { name: 'Migration20261124000001_initial', class: Migration20261124000001 },
  { name: 'Migration20261124000002_user_role', class: Migration20261124000002 },
  { name: 'Migration20261124000003_day_keys', class: Migration20261124000003 },
  { name: 'Migration20261124000004_sort_indexes', class: Migration20261124000004 },
  { name: 'Migration20261125000005_rollups', class: Migration20261125000005 },
  { name: 'Migration20261126000006_health_per_score', class: Migration20261126000006 },
  { name: 'Migration20261127000007_work_queue', class: Migration20261127000007 },
  { name: 'Migration20261127000008_queue_times', class: Migration20261127000008 },
  { name: 'Migration20261127000009_rollup_shards', class: Migration20261127000009 },
];
