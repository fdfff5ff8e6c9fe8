"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=backend.js.map