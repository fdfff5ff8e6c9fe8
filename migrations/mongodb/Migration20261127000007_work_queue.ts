import { Migration } from '@mikro-orm/migrations-mongodb';

/**
 * The work queue's fields on code generations (priority, attempts, maxAttempts,
 * runAfter, lockedBy, lockedUntil, lastError, startedAt, completedAt) and its
 * two indexes: due work by priority then age, and leases by expiry. Existing
 * documents: claimable at once (runAfter null); RUNNING ones have no holder, so their lease
 * counts as expired at their last change (a worker takes them up). Backfilled
 * from Node in batches (FerretDB has no update pipelines); re-running is safe.
 */
export class Migration20261127000007 extends Migration {
  override async up(): Promise<void> {
    const collection = this.getCollection('code_generations');
    for (;;) {
      const docs = await collection.find({ runAfter: { $exists: false } }, { projection: { createdAt: 1, updatedAt: 1, status: 1 }, limit: 1000 }).toArray();
      if (!docs.length) break;
      await collection.bulkWrite(
        docs.map((d) => ({
          updateOne: {
            filter: { _id: d._id },
            update: {
              $set: {
                priority: 0,
                attempts: 0,
                maxAttempts: 3,
                runAfter: null,
                lockedBy: null,
                lockedUntil: d.status === 'running' ? d.updatedAt : null,
                lastError: null,
                startedAt: null,
                completedAt: null,
              },
            },
          },
        })),
      );
    }
    await collection.createIndex({ status: 1, priority: -1, createdAt: 1, _id: 1 }, { name: 'code_generations_claim_index' });
    await collection.createIndex({ status: 1, lockedUntil: 1 }, { name: 'code_generations_status_locked_until_index' });
  }

  override async down(): Promise<void> {
    const collection = this.getCollection('code_generations');
    await collection.dropIndex('code_generations_claim_index').catch(() => undefined);
    await collection.dropIndex('code_generations_status_locked_until_index').catch(() => undefined);
    await collection.updateMany({}, { $unset: { priority: '', attempts: '', maxAttempts: '', runAfter: '', lockedBy: '', lockedUntil: '', lastError: '', startedAt: '', completedAt: '' } });
  }
}
