"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nestsDeeperThan = nestsDeeperThan;
/**
 * How deeply a parsed JSON value nests, walked without recursion and given up
 * past `limit`: GraphQL variables are checked with it before coercion, where
 * graphql-js, the JSON scalars and the validators all recurse (a variable nested
 * 100,000 deep overflowed the stack there).
 */
function nestsDeeperThan(value, limit) {
    const stack = [[value, 0]];
    while (stack.length) {
        const [v, depth] = stack.pop();
        if (v === null || typeof v !== 'object')
            continue;
        if (depth >= limit)
            return true;
        for (const child of Array.isArray(v) ? v : Object.values(v))
            if (child !== null && typeof child === 'object')
                stack.push([child, depth + 1]);
    }
    return false;
}
//# sourceMappingURL=json-depth.js.map