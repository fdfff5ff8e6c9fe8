"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserRole = exports.SaveType = exports.GenerationStatus = exports.ProjectType = exports.ProjectStatus = void 0;
const type_graphql_1 = require("type-graphql");
// GraphQL shows the keys (DRAFT); the database stores the values (draft),
// the spelling the codeobit CLI uses.
var ProjectStatus;
(function (ProjectStatus) {
    ProjectStatus["DRAFT"] = "draft";
    ProjectStatus["IN_PROGRESS"] = "in_progress";
    ProjectStatus["COMPLETED"] = "completed";
    ProjectStatus["ARCHIVED"] = "archived";
})(ProjectStatus || (exports.ProjectStatus = ProjectStatus = {}));
/** A closed set rather than a free string, so filters and analytics group cleanly. */
var ProjectType;
(function (ProjectType) {
    ProjectType["WEB"] = "web";
    ProjectType["API"] = "api";
    ProjectType["CLI"] = "cli";
    ProjectType["LIBRARY"] = "library";
    ProjectType["MOBILE"] = "mobile";
    ProjectType["DATA"] = "data";
    ProjectType["OTHER"] = "other";
})(ProjectType || (exports.ProjectType = ProjectType = {}));
var GenerationStatus;
(function (GenerationStatus) {
    GenerationStatus["PENDING"] = "pending";
    GenerationStatus["RUNNING"] = "running";
    GenerationStatus["COMPLETED"] = "completed";
    GenerationStatus["FAILED"] = "failed";
})(GenerationStatus || (exports.GenerationStatus = GenerationStatus = {}));
var SaveType;
(function (SaveType) {
    SaveType["AUTO"] = "auto";
    SaveType["MANUAL"] = "manual";
    SaveType["CHECKPOINT"] = "checkpoint";
})(SaveType || (exports.SaveType = SaveType = {}));
/** Admins reach everything; users reach only what they own. */
var UserRole;
(function (UserRole) {
    UserRole["ADMIN"] = "admin";
    UserRole["USER"] = "user";
})(UserRole || (exports.UserRole = UserRole = {}));
(0, type_graphql_1.registerEnumType)(UserRole, { name: 'UserRole', description: 'ADMIN reaches all data; USER only their own.' });
(0, type_graphql_1.registerEnumType)(ProjectStatus, { name: 'ProjectStatus', description: 'Lifecycle of a project.' });
(0, type_graphql_1.registerEnumType)(ProjectType, { name: 'ProjectType', description: 'What kind of software a project builds.' });
(0, type_graphql_1.registerEnumType)(GenerationStatus, { name: 'GenerationStatus', description: 'Progress of a code generation.' });
(0, type_graphql_1.registerEnumType)(SaveType, {
    name: 'SaveType',
    description: 'Why an autosave was taken: AUTO (timer), MANUAL (user asked), CHECKPOINT (before a risky step).',
});
//# sourceMappingURL=enums.js.map