// The gateway's schema, Apollo server and request context behind Fastify 5 with
// @as-integrations/fastify, for `npm run bench:http` (bench/http-layer.ts).
// It does less than the gateway's own layer (no rate limit, variables-depth
// check, execution timeout, request log or metrics): if it is not cheaper per
// request even so, the hand-written layer stays.
const { join } = require('node:path');
const Fastify = require('fastify');
const { fastifyApolloHandler } = require('@as-integrations/fastify');
const dist = join(__dirname, '../../dist/src');
const { createApp } = require(join(dist, 'app'));
const { loadConfig } = require(join(dist, 'config'));
const { ReadScope } = require(join(dist, 'db/read-scope'));
const { authenticate } = require(join(dist, 'auth/access'));
const { hashApiKey } = require(join(dist, 'auth/api-key'));
const { createContext } = require(join(dist, 'context'));

(async () => {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const { store, apollo } = app;
  const fastify = Fastify({ bodyLimit: config.maxBodyBytes });
  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      const scope = new ReadScope(store.backend, store.orm.em);
      const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
      const caller = await authenticate(scope, key, store.keys, key ? hashApiKey(key) : undefined);
      return createContext(store, caller, scope);
    },
  });
  fastify.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler });
  fastify.get('/readyz', async () => ({ ok: true }));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
