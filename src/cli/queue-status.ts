import { queueStatus } from '../modules/queue/queue-status';
import { type CliIO, withDatabase } from './context';

/** codeobit queue status [--json]: depth by status, oldest waiting, leases expired and expiring, failures by last error. */
export async function queueStatusCommand(io: CliIO, json: boolean): Promise<void> {
  await withDatabase(io, async ({ orm, backend }) => {
    const status = await queueStatus(backend, orm.em.fork(), new Date());
    if (json) return io.out(JSON.stringify(status));
    const s = status.byStatus;
    io.out(`queue: ${s.pending} pending, ${s.running} running, ${s.completed} completed, ${s.failed} failed`);
    io.out(`oldest waiting: ${status.oldestWaitingSeconds === null ? 'none' : `${status.oldestWaitingSeconds} s`}`);
    io.out(`leases: ${status.leasesExpired} expired (claimable again), ${status.leasesExpiringSoon} expiring within a minute`);
    if (status.failuresByError.length) {
      io.out('failures by last error:');
      for (const f of status.failuresByError) io.out(`  ${String(f.count).padStart(6)}  ${(f.error ?? '(none)').slice(0, 120)}`);
    }
  });
}
