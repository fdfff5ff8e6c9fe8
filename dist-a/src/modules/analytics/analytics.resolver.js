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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalyticsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const analytics_types_1 = require("./analytics.types");
let AnalyticsResolver = class AnalyticsResolver {
    analytics(args, ctx) {
        return ctx.analytics.analytics(args);
    }
};
exports.AnalyticsResolver = AnalyticsResolver;
__decorate([
    (0, type_graphql_1.Query)(() => analytics_types_1.Analytics, { description: 'Code generation and health numbers over a date range, computed by the database.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [analytics_types_1.AnalyticsArgs, Object]),
    __metadata("design:returntype", void 0)
], AnalyticsResolver.prototype, "analytics", null);
exports.AnalyticsResolver = AnalyticsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => analytics_types_1.Analytics)
], AnalyticsResolver);
//# sourceMappingURL=analytics.resolver.js.map