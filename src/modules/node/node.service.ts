import type { ReadRow } from '../../db/light-find';
import type { Node } from '../../entities/node';
import { badInput } from '../../errors/codes';
import { checkId, type EntityService } from '../common/base.service';

export const MAX_NODES = 100;

/**
 * Any object by its global id (Relay's node / nodes). Ids are UUIDs, unique
 * across types, so each type's service is asked for the ids it holds, under its
 * own access rules: an id the caller may not read answers null, like a missing one.
 */
export class NodeService {
  constructor(private readonly services: EntityService<{ id: string; createdAt: Date }>[]) {}

  async nodes(ids: string[]): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw badInput(`nodes takes at most ${MAX_NODES} ids, not ${ids.length}`);
    const checked = ids.map((id) => checkId(id));
    const unique = [...new Set(checked)];
    const found = new Map<string, ReadRow<{ id: string; createdAt: Date }>>();
    for (const rows of await Promise.all(this.services.map((service) => service.findMany(unique)))) {
      for (const row of rows) found.set(row.id, row);
    }
    return checked.map((id) => (found.get(id) as Node | undefined) ?? null);
  }

  async node(id: string): Promise<Node | null> {
    return (await this.nodes([id]))[0];
  }
}
