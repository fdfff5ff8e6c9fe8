import { AutoSave } from './auto-save.entity';
import { CodeGeneration } from './code-generation.entity';
import { Project } from './project.entity';
import { ProjectAnalysis } from './project-analysis.entity';
import { User } from './user.entity';

export * from './enums';
export { AutoSave, CodeGeneration, Project, ProjectAnalysis, User };

/** Every entity, in dependency order (parents before children): the order backups and restores use. */
export const ENTITIES = [User, Project, CodeGeneration, ProjectAnalysis, AutoSave] as const;
