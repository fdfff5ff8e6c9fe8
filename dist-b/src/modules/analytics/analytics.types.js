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
exports.Analytics = exports.ProjectActivity = exports.HealthDay = exports.BreakdownRow = exports.DayTokens = exports.StatusCount = exports.AnalyticsArgs = void 0;
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
let AnalyticsArgs = class AnalyticsArgs {
};
exports.AnalyticsArgs = AnalyticsArgs;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { description: 'Start of the range; its UTC day is included.' }),
    __metadata("design:type", Date)
], AnalyticsArgs.prototype, "from", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { description: 'End of the range; its UTC day is included (at most 3660 days after from).' }),
    __metadata("design:type", Date)
], AnalyticsArgs.prototype, "to", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Only this project (which you must be able to reach).' }),
    __metadata("design:type", Object)
], AnalyticsArgs.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: "Only this user's projects (yourself, or anyone for an admin)." }),
    __metadata("design:type", Object)
], AnalyticsArgs.prototype, "userId", void 0);
exports.AnalyticsArgs = AnalyticsArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], AnalyticsArgs);
let StatusCount = class StatusCount {
};
exports.StatusCount = StatusCount;
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.GenerationStatus, { description: 'The status.' }),
    __metadata("design:type", String)
], StatusCount.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'How many generations have it.' }),
    __metadata("design:type", Number)
], StatusCount.prototype, "count", void 0);
exports.StatusCount = StatusCount = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Code generations with one status.', simpleResolvers: true })
], StatusCount);
let DayTokens = class DayTokens {
};
exports.DayTokens = DayTokens;
__decorate([
    (0, type_graphql_1.Field)({ description: 'UTC day, YYYY-MM-DD.' }),
    __metadata("design:type", String)
], DayTokens.prototype, "day", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Code generations created that day.' }),
    __metadata("design:type", Number)
], DayTokens.prototype, "generations", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Tokens they used.' }),
    __metadata("design:type", Number)
], DayTokens.prototype, "tokensUsed", void 0);
exports.DayTokens = DayTokens = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Tokens and generations on one UTC day.', simpleResolvers: true })
], DayTokens);
let BreakdownRow = class BreakdownRow {
};
exports.BreakdownRow = BreakdownRow;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The language or framework; null for generations without a framework.' }),
    __metadata("design:type", Object)
], BreakdownRow.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Code generations.' }),
    __metadata("design:type", Number)
], BreakdownRow.prototype, "count", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Tokens used.' }),
    __metadata("design:type", Number)
], BreakdownRow.prototype, "tokensUsed", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Completed / (completed + failed); null when none finished.' }),
    __metadata("design:type", Object)
], BreakdownRow.prototype, "successRate", void 0);
exports.BreakdownRow = BreakdownRow = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Usage of one language or framework.', simpleResolvers: true })
], BreakdownRow);
let HealthDay = class HealthDay {
};
exports.HealthDay = HealthDay;
__decorate([
    (0, type_graphql_1.Field)({ description: 'UTC day, YYYY-MM-DD.' }),
    __metadata("design:type", String)
], HealthDay.prototype, "day", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Analyses that day.' }),
    __metadata("design:type", Number)
], HealthDay.prototype, "analyses", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Average health score (sum / count).' }),
    __metadata("design:type", Number)
], HealthDay.prototype, "average", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Lowest health score.' }),
    __metadata("design:type", Number)
], HealthDay.prototype, "min", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Highest health score.' }),
    __metadata("design:type", Number)
], HealthDay.prototype, "max", void 0);
exports.HealthDay = HealthDay = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Health scores of the analyses of one UTC day.', simpleResolvers: true })
], HealthDay);
let ProjectActivity = class ProjectActivity {
};
exports.ProjectActivity = ProjectActivity;
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.Project, { description: 'The project.' }),
    __metadata("design:type", entities_1.Project)
], ProjectActivity.prototype, "project", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Code generations in the range.' }),
    __metadata("design:type", Number)
], ProjectActivity.prototype, "generations", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Tokens they used.' }),
    __metadata("design:type", Number)
], ProjectActivity.prototype, "tokensUsed", void 0);
exports.ProjectActivity = ProjectActivity = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A project and how many code generations it had in the range.', simpleResolvers: true })
], ProjectActivity);
let Analytics = class Analytics {
};
exports.Analytics = Analytics;
__decorate([
    (0, type_graphql_1.Field)({ description: 'First UTC day included.' }),
    __metadata("design:type", String)
], Analytics.prototype, "fromDay", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Last UTC day included.' }),
    __metadata("design:type", String)
], Analytics.prototype, "toDay", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Code generations created in the range.' }),
    __metadata("design:type", Number)
], Analytics.prototype, "generations", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [StatusCount], { description: 'Code generations per status (every status, zero included).' }),
    __metadata("design:type", Array)
], Analytics.prototype, "byStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Completed / (completed + failed); null when none finished.' }),
    __metadata("design:type", Object)
], Analytics.prototype, "successRate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Tokens used in the range.' }),
    __metadata("design:type", Number)
], Analytics.prototype, "tokensUsed", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [DayTokens], { description: 'Tokens and generations per day, days with none left out, oldest first.' }),
    __metadata("design:type", Array)
], Analytics.prototype, "perDay", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [BreakdownRow], { description: 'Per language, most used first.' }),
    __metadata("design:type", Array)
], Analytics.prototype, "byLanguage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [BreakdownRow], { description: 'Per framework, most used first.' }),
    __metadata("design:type", Array)
], Analytics.prototype, "byFramework", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [HealthDay], { description: 'Health score trend: average, min and max per day, oldest first.' }),
    __metadata("design:type", Array)
], Analytics.prototype, "healthTrend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ProjectActivity], { description: 'The (at most 10) projects with the most code generations in the range.' }),
    __metadata("design:type", Array)
], Analytics.prototype, "mostActiveProjects", void 0);
exports.Analytics = Analytics = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Numbers over a date range for one project, one user, or everything you may see; computed by the database.', simpleResolvers: true })
], Analytics);
//# sourceMappingURL=analytics.types.js.map