import { Field, ID, ObjectType } from 'type-graphql';
import { Project, User } from '../../entities';

/**
 * What a delete mutation answers: the id that is gone and, for rows that hung
 * from a parent, the parent as it is now, so a client cache can drop the row
 * and refresh the parent's lists without another request. Parents are read
 * only when selected (getters, see the services' delete methods).
 */
@ObjectType({ description: 'The user deleteUser removed (with their projects and autosaves).' })
export class DeletedUser {
  @Field(() => ID, { description: 'Id of the deleted user.' })
  deletedId!: string;
}

@ObjectType({ description: 'The project deleteProject removed (with its code generations and analyses), and its owner.' })
export class DeletedProject {
  @Field(() => ID, { description: 'Id of the deleted project.' })
  deletedId!: string;

  @Field(() => User, { nullable: true, description: 'The owner, as it is now.' })
  owner!: User | null | Promise<User | null>;
}

@ObjectType({ description: 'The code generation deleteCodeGeneration removed, and its project.' })
export class DeletedCodeGeneration {
  @Field(() => ID, { description: 'Id of the deleted code generation.' })
  deletedId!: string;

  @Field(() => Project, { nullable: true, description: 'Its project, as it is now.' })
  project!: Project | null | Promise<Project | null>;
}

@ObjectType({ description: 'The analysis deleteProjectAnalysis removed, and its project.' })
export class DeletedProjectAnalysis {
  @Field(() => ID, { description: 'Id of the deleted analysis.' })
  deletedId!: string;

  @Field(() => Project, { nullable: true, description: 'Its project, as it is now.' })
  project!: Project | null | Promise<Project | null>;
}

@ObjectType({ description: 'The autosave deleteAutoSave removed, and the user who made it.' })
export class DeletedAutoSave {
  @Field(() => ID, { description: 'Id of the deleted autosave.' })
  deletedId!: string;

  @Field(() => User, { nullable: true, description: 'The user who made it, as they are now.' })
  user!: User | null | Promise<User | null>;
}

/** A to-one reference as a row holds it (an id, or an object with one). */
export const refOf = (v: unknown): string => String(v && typeof v === 'object' ? (v as { id: unknown }).id : v);

/**
 * A delete's answer: the id that went and, under `field`, its parent (id
 * `parentId`), read by `load` only when the client selects it (a getter).
 */
export function deletedPayload<F extends string, P>(row: Record<string, unknown>, field: F, parentId: unknown, load: (id: string) => Promise<P>): { deletedId: string } & Record<F, Promise<P>> {
  return Object.defineProperty({ deletedId: String(row.id) }, field, { enumerable: true, get: () => load(refOf(parentId)) }) as { deletedId: string } & Record<F, Promise<P>>;
}
