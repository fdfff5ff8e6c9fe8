"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpDrain = void 0;
/**
 * Graceful shutdown for the HTTP server: stop accepting connections, answer
 * every request already received, then close.
 *
 * Written here rather than taken from Apollo's drainHttpServer plugin (or
 * http-terminator, stoppable): those close idle connections at once, and a
 * connection the server accepted a moment ago is "idle" until its request has
 * been parsed. Its request was already sent; the client sees a reset, not an
 * answer. In test/integration/shutdown.test.ts, a request sent on a connection
 * opened before SIGTERM is reset with Apollo's plugin and answered with this.
 *
 * During the drain every response says `Connection: close`; idle connections
 * get `lingerMs` to deliver a request already on its way; at `graceMs` all
 * that remains is closed.
 */
class HttpDrain {
    constructor(server) {
        this.server = server;
        this.active = new Map();
        this.responses = new Set();
        this.draining = false;
        this.changed = () => undefined;
        server.on('connection', (socket) => {
            this.active.set(socket, 0);
            socket.once('close', () => {
                this.active.delete(socket);
                this.changed();
            });
        });
        server.on('request', (req, res) => {
            const socket = req.socket;
            this.active.set(socket, (this.active.get(socket) ?? 0) + 1);
            if (this.draining)
                res.setHeader('connection', 'close');
            this.responses.add(res);
            res.once('close', () => {
                this.responses.delete(res);
                if (this.active.has(socket))
                    this.active.set(socket, Math.max(0, this.active.get(socket) - 1));
                this.changed();
            });
        });
    }
    /** True once drain() has been called: /readyz answers 503 so load balancers stop sending. */
    get stopping() {
        return this.draining;
    }
    /** Requests being answered now. */
    get requests() {
        let n = 0;
        for (const count of this.active.values())
            n += count;
        return n;
    }
    /** Stops accepting; resolves once every connection has closed or `graceMs` has passed. */
    async drain(graceMs, lingerMs = 500) {
        this.draining = true;
        // Requests received before the drain and not yet answered close their connection too.
        for (const res of this.responses)
            if (!res.headersSent)
                res.setHeader('connection', 'close');
        // http.Server#close also closes idle connections (see above): keep them for the linger.
        const closeIdle = this.server.closeIdleConnections;
        this.server.closeIdleConnections = () => undefined;
        const listening = new Promise((resolve) => this.server.close(() => resolve()));
        this.server.closeIdleConnections = closeIdle;
        const deadline = Date.now() + graceMs;
        let quietSince = Date.now();
        while (this.active.size > 0 && Date.now() < deadline) {
            if (this.requests > 0)
                quietSince = Date.now();
            else if (Date.now() - quietSince >= lingerMs) {
                for (const socket of this.active.keys())
                    socket.destroy();
                break;
            }
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, 50);
                this.changed = () => {
                    clearTimeout(timer);
                    resolve();
                };
            });
            this.changed = () => undefined;
        }
        for (const socket of this.active.keys())
            socket.destroy();
        await listening;
    }
}
exports.HttpDrain = HttpDrain;
//# sourceMappingURL=drain.js.map