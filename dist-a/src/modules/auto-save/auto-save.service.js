"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AutoSaveService = void 0;
const entities_1 = require("../../entities");
const base_service_1 = require("../common/base.service");
const auto_save_inputs_1 = require("./auto-save.inputs");
const filters_1 = require("../common/filters");
const where_1 = require("../../db/where");
const validators_1 = require("../common/validators");
class AutoSaveService extends base_service_1.EntityService {
    constructor(deps) {
        super(deps, entities_1.AutoSave, 'AutoSave');
    }
    scope() {
        return this.deps.access.ownedBy('user');
    }
    list(args, selection) {
        const where = this.filters(args);
        if (args.userId != null)
            where.user = (0, base_service_1.checkId)(args.userId, 'userId');
        return this.page(() => (0, where_1.and)(where, this.filterWhere(args.filter, auto_save_inputs_1.AUTO_SAVE_FILTER_SPEC)), args, (0, filters_1.sortKey)(args.orderBy), selection);
    }
    listForUser(userId, args, selection) {
        return this.childPage(this.deps.loaders.autoSavesOfUser, userId, this.filters(args), args, selection);
    }
    user(row, selection) {
        return this.related(entities_1.User, this.deps.loaders.user, row.user.id, selection);
    }
    create(input) {
        const user = this.deps.access.ownerIdFor(input.userId == null ? null : (0, base_service_1.checkId)(input.userId, 'userId'), 'userId');
        const { userId: _userId, ...fields } = input;
        return this.createRow({ ...fields, user, sizeChars: (0, validators_1.countChars)(input.content) }, { parentField: 'userId' });
    }
    update(id, input) {
        const sizeChars = input.content === undefined ? undefined : (0, validators_1.countChars)(input.content);
        return this.updateRow(id, { ...input, sizeChars });
    }
    delete(id) {
        return this.removeRow(id);
    }
    filters(args) {
        const where = {};
        if (args.saveId != null)
            where.saveId = args.saveId;
        return where;
    }
}
exports.AutoSaveService = AutoSaveService;
//# sourceMappingURL=auto-save.service.js.map