import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Global Object Identification: every entity type implements Node, and
 * `node(id)` / `nodes(ids)` fetch any of them by id. Ids are UUIDs (random,
 * 122 bits), unique across every type as they are, so they are used as the
 * global ids unchanged: no encoding to learn, and the id a client already
 * stores keeps working.
 */
@InterfaceType({
  description: 'An object with a globally unique id (Relay Global Object Identification). Ids are UUIDs, unique across every type.',
  // Its type resolution is set on the built schema (see resolveNodes in schema.ts).
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique id (a UUID): pass it to node(id) to fetch the object again.' })
  id!: string;
}
