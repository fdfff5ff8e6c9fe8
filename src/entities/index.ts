import { AutoSave } from './auto-save.entity';
import { CodeGeneration } from './code-generation.entity';
import { GenerationDaily, HealthDaily } from './daily-rollups.entity';
import { Project } from './project.entity';
import { ProjectAnalysis } from './project-analysis.entity';
import { User } from './user.entity';

export * from './enums';
export { AutoSave, CodeGeneration, GenerationDaily, HealthDaily, Project, ProjectAnalysis, User };

/** Every entity of the data model, in dependency order (parents before children): the order backups and restores use. */
export const ENTITIES = [User, Project, CodeGeneration, ProjectAnalysis, AutoSave] as const;

/** Derived data (analytics rollups): in the schema, not in backups. */
export const ROLLUPS = [GenerationDaily, HealthDaily] as const;
