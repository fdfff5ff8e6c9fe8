/** Every migration, in order, by name: what `db status` and the migrator must report on every backend. */
export const MIGRATIONS = [
  'Migration20261124000001_initial',
  'Migration20261124000002_user_role',
  'Migration20261124000003_day_keys',
  'Migration20261124000004_sort_indexes',
  'Migration20261125000005_rollups',
  'Migration20261126000006_health_per_score',
  'Migration20261127000007_work_queue',
  'Migration20261127000008_queue_times',
  'Migration20261127000009_rollup_shards',
];
