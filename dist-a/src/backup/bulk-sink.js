"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=bulk-sink.js.map