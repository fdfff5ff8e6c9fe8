import { registerEnumType } from 'type-graphql';

// GraphQL shows the keys (DRAFT); the database stores the values (draft),
// the spelling the codeobit CLI uses.

export enum ProjectStatus {
  DRAFT = 'draft',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
  ARCHIVED = 'archived',
}

/** A closed set rather than a free string, so filters and analytics group cleanly. */
export enum ProjectType {
  WEB = 'web',
  API = 'api',
  CLI = 'cli',
  LIBRARY = 'library',
  MOBILE = 'mobile',
  DATA = 'data',
  OTHER = 'other',
}

export enum GenerationStatus {
  PENDING = 'pending',
  RUNNING = 'running',
  COMPLETED = 'completed',
  FAILED = 'failed',
}

export enum SaveType {
  AUTO = 'auto',
  MANUAL = 'manual',
  CHECKPOINT = 'checkpoint',
}

/** Admins reach everything; users reach only what they own; workers also take queued work. */
export enum UserRole {
  ADMIN = 'admin',
  USER = 'user',
  WORKER = 'worker',
}

registerEnumType(UserRole, { name: 'UserRole', description: 'ADMIN reaches all data; USER only their own; WORKER also claims and finishes queued code generations.' });
registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Lifecycle of a project.' });
registerEnumType(ProjectType, { name: 'ProjectType', description: 'What kind of software a project builds.' });
registerEnumType(GenerationStatus, { name: 'GenerationStatus', description: 'Progress of a code generation.' });
registerEnumType(SaveType, {
  name: 'SaveType',
  description: 'Why an autosave was taken: AUTO (timer), MANUAL (user asked), CHECKPOINT (before a risky step).',
});
