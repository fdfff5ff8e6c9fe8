import type { EntityCodec } from './format';

/** Receives canonical rows, entity by entity in dependency order, and stores them (Backend.bulkLoad). */
export interface BulkSink {
  insert(codec: EntityCodec, rows: Record<string, unknown>[]): Promise<void>;
}
