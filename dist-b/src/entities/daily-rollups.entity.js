"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HealthDaily = exports.GenerationDaily = void 0;
const legacy_1 = require("@mikro-orm/decorators/legacy");
const project_entity_1 = require("./project.entity");
/** What every rollup row has: its key (spelled out, see src/db/backend/rollup-deltas.ts), its UTC day and its scope. */
class DailyRollup {
    constructor() {
        /** Null on the rows that count every project (what an admin's analytics reads). */
        this.project = null;
    }
}
__decorate([
    (0, legacy_1.PrimaryKey)({ length: 200 }),
    __metadata("design:type", String)
], DailyRollup.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 10 }),
    __metadata("design:type", String)
], DailyRollup.prototype, "day", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => project_entity_1.Project, { ref: true, deleteRule: 'cascade', updateRule: 'cascade', nullable: true }),
    __metadata("design:type", Object)
], DailyRollup.prototype, "project", void 0);
/**
 * Analytics rollups: derived data, one row per UTC day and scope (a project, or
 * every project) and, for generations, per language, framework and status, kept up to date by the same
 * write as the rows they count (see src/db/backend/rollup-deltas.ts) and rebuilt from
 * scratch by `codeobit db rollups --rebuild`. Analytics reads these instead of
 * scanning code generations and analyses. Not in backups: restore rebuilds them.
 *
 * The id spells the key out (see generationKey), so every backend upserts by primary key.
 */
let GenerationDaily = class GenerationDaily extends DailyRollup {
    constructor() {
        super(...arguments);
        this.framework = null;
        this.generations = 0;
        this.tokensUsed = 0;
    }
};
exports.GenerationDaily = GenerationDaily;
__decorate([
    (0, legacy_1.Property)({ length: 40 }),
    __metadata("design:type", String)
], GenerationDaily.prototype, "language", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 60, nullable: true }),
    __metadata("design:type", Object)
], GenerationDaily.prototype, "framework", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 20 }),
    __metadata("design:type", String)
], GenerationDaily.prototype, "status", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], GenerationDaily.prototype, "generations", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' }),
    __metadata("design:type", Number)
], GenerationDaily.prototype, "tokensUsed", void 0);
exports.GenerationDaily = GenerationDaily = __decorate([
    (0, legacy_1.Entity)({ tableName: 'generation_daily' }),
    (0, legacy_1.Index)({ properties: ['day'] }),
    (0, legacy_1.Index)({ properties: ['project', 'day'] })
], GenerationDaily);
/**
 * Analyses of one UTC day and scope with one health score: how many, and the
 * sum of their scores. A day's count, average, min and max follow from its rows;
 * kept per score (not as a min and a max) so that every write moves the rows by
 * an increment, which concurrent writes cannot get wrong.
 */
let HealthDaily = class HealthDaily extends DailyRollup {
    constructor() {
        super(...arguments);
        this.score = 0;
        this.analyses = 0;
        this.scoreSum = 0;
    }
};
exports.HealthDaily = HealthDaily;
__decorate([
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], HealthDaily.prototype, "score", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], HealthDaily.prototype, "analyses", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' }),
    __metadata("design:type", Number)
], HealthDaily.prototype, "scoreSum", void 0);
exports.HealthDaily = HealthDaily = __decorate([
    (0, legacy_1.Entity)({ tableName: 'health_daily' }),
    (0, legacy_1.Index)({ properties: ['day'] }),
    (0, legacy_1.Index)({ properties: ['project', 'day'] })
], HealthDaily);
//# sourceMappingURL=daily-rollups.entity.js.map