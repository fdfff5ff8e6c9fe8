"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Store = void 0;
const key_cache_1 = require("../auth/key-cache");
const drivers_1 = require("./drivers");
/** The ORM, the backend for its database family, and what the services share across requests. */
class Store {
    constructor(orm, driver, settings = { openSignup: false }) {
        this.orm = orm;
        this.driver = driver;
        this.settings = settings;
        /** Database round trips since start (queries on SQL, commands on MongoDB): tests and the bench read it. */
        this.roundTrips = 0;
        this.keys = new key_cache_1.KeyCache(settings.authCacheTtlMs ?? 0);
        this.backend = (0, drivers_1.createBackend)(driver, orm);
        this.backend.observeRoundTrips(() => this.roundTrips++);
    }
    /** Round trip to the database; used by /readyz. */
    async ping() {
        const connection = this.orm.em.getDriver().getConnection();
        const check = await connection.checkConnection();
        if (!check.ok)
            throw check.error ?? new Error(`${this.driver} is not reachable`);
    }
    /** See Backend.recover; the replaced connection gets its round-trip counter again. */
    async recover() {
        if (await this.backend.recover())
            this.backend.observeRoundTrips(() => this.roundTrips++);
    }
    static async open(orm, driver, settings) {
        return new Store(orm, driver, settings);
    }
}
exports.Store = Store;
//# sourceMappingURL=store.js.map