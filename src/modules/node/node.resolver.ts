import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Node } from '../../entities/node';

import { MAX_NODES } from './node.service';

/** Relay's Global Object Identification: any object by id (see NodeService). */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its id; null when there is none or you may not read it (the two look the same).' })
  node(@Arg('id', () => ID, { description: 'A global id (the UUID every object has).' }) id: string, @Ctx() ctx: Context) {
    return ctx.nodes.node(id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by id, in the order asked, null for each one missing or not yours; at most ${MAX_NODES} ids.` })
  nodes(@Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[], @Ctx() ctx: Context) {
    return ctx.nodes.nodes(ids);
  }
}
