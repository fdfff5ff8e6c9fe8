"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PAGE = void 0;
/** Page sizes: DEFAULT when `first`/`last` is not given; a larger request than MAX is refused. */
exports.PAGE = { DEFAULT: 20, MAX: 100 };
//# sourceMappingURL=page.js.map