"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROLLUPS = exports.ENTITIES = exports.User = exports.ProjectAnalysis = exports.Project = exports.HealthDaily = exports.GenerationDaily = exports.CodeGeneration = exports.AutoSave = void 0;
const auto_save_entity_1 = require("./auto-save.entity");
Object.defineProperty(exports, "AutoSave", { enumerable: true, get: function () { return auto_save_entity_1.AutoSave; } });
const code_generation_entity_1 = require("./code-generation.entity");
Object.defineProperty(exports, "CodeGeneration", { enumerable: true, get: function () { return code_generation_entity_1.CodeGeneration; } });
const daily_rollups_entity_1 = require("./daily-rollups.entity");
Object.defineProperty(exports, "GenerationDaily", { enumerable: true, get: function () { return daily_rollups_entity_1.GenerationDaily; } });
Object.defineProperty(exports, "HealthDaily", { enumerable: true, get: function () { return daily_rollups_entity_1.HealthDaily; } });
const project_entity_1 = require("./project.entity");
Object.defineProperty(exports, "Project", { enumerable: true, get: function () { return project_entity_1.Project; } });
const project_analysis_entity_1 = require("./project-analysis.entity");
Object.defineProperty(exports, "ProjectAnalysis", { enumerable: true, get: function () { return project_analysis_entity_1.ProjectAnalysis; } });
const user_entity_1 = require("./user.entity");
Object.defineProperty(exports, "User", { enumerable: true, get: function () { return user_entity_1.User; } });
__exportStar(require("./enums"), exports);
/** Every entity of the data model, in dependency order (parents before children): the order backups and restores use. */
exports.ENTITIES = [user_entity_1.User, project_entity_1.Project, code_generation_entity_1.CodeGeneration, project_analysis_entity_1.ProjectAnalysis, auto_save_entity_1.AutoSave];
/** Derived data (analytics rollups): in the schema, not in backups. */
exports.ROLLUPS = [daily_rollups_entity_1.GenerationDaily, daily_rollups_entity_1.HealthDaily];
//# sourceMappingURL=index.js.map