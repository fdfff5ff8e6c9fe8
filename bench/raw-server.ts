/**
 * The ceiling of the load bench: an HTTP server with no GraphQL at all that
 * answers each bench shape with one hand-written SQL statement building the
 * response's JSON in PostgreSQL, and writes that text as it comes. The gap
 * between it and the gateway is what GraphQL (parsing, validation, execution,
 * serialisation) and the gateway's checks cost.
 *   node -r ts-node/register/transpile-only bench/raw-server.ts <databaseUrl> <port>
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
// pg ships no types here; the little used of it is typed by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Pool } = require('pg') as { Pool: new (o: object) => { query(sql: string, params: unknown[]): Promise<{ rows: { body: string }[] }> } };

const [databaseUrl, port] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: 10 });

const user = (a: string) => `json_build_object('id', ${a}.id, 'username', ${a}.username)`;

/** Shape name → [SQL, parameters from the query string]. */
const SHAPES: Record<string, [string, (q: URLSearchParams) => unknown[]]> = {
  'by-id': [
    `select json_build_object('data', json_build_object('codeGeneration', (select json_build_object('id', g.id, 'status', g.status, 'project',
       (select json_build_object('id', p.id, 'name', p.name, 'owner', (select ${user('u')} from users u where u.id = p.owner_id)) from projects p where p.id = g.project_id))
       from code_generations g where g.id = $1)))::text as body`,
    (q) => [q.get('id')],
  ],
  page: [
    `select json_build_object('data', json_build_object('projects', json_build_object(
       'totalCount', (select count(*) from projects),
       'nodes', (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'status', p.status, 'owner',
          (select ${user('u')} from users u where u.id = p.owner_id)) order by p.created_at, p.id), '[]')
          from (select * from projects order by created_at, id limit 50) p))))::text as body`,
    () => [],
  ],
  nested: [
    `select json_build_object('data', json_build_object('users', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
       'id', u.id, 'username', u.username, 'projects', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
         'id', p.id, 'name', p.name, 'codeGenerations', json_build_object('nodes', (select coalesce(json_agg(json_build_object('id', g.id, 'status', g.status)
            order by g.created_at, g.id), '[]') from (select * from code_generations g where g.project_id = p.id order by created_at, id limit 5) g)))
         order by p.created_at, p.id), '[]') from (select * from projects p where p.owner_id = u.id order by created_at, id limit 5) p)))
       order by u.created_at, u.id), '[]') from (select * from users order by created_at, id limit 10) u))))::text as body`,
    () => [],
  ],
  filtered: [
    `select json_build_object('data', json_build_object('codeGenerations', json_build_object('nodes', (select coalesce(json_agg(
       json_build_object('id', g.id, 'status', g.status, 'tokensUsed', g.tokens_used) order by g.tokens_used desc, g.id desc), '[]')
       from (select * from code_generations where status = any($1) and tokens_used >= $2 order by tokens_used desc, id desc limit 20) g))))::text as body`,
    () => [['completed', 'failed'], 500],
  ],
  deep: [
    `select json_build_object('data', json_build_object('projects', json_build_object('nodes', (select coalesce(json_agg(
       json_build_object('id', p.id, 'name', p.name) order by p.created_at, p.id), '[]')
       from (select * from projects where (created_at, id) > ($1, $2) order by created_at, id limit 50) p))))::text as body`,
    (q) => [new Date(Number(q.get('at'))), q.get('id')],
  ],
  create: [
    `with ins as (insert into code_generations (id, created_at, updated_at, specification, language, project_id, day)
       values ($1, now(), now(), 'bench', 'go', $2, to_char(now() at time zone 'UTC', 'YYYY-MM-DD')) returning id)
     select json_build_object('data', json_build_object('createCodeGeneration', json_build_object('id', (select id from ins))))::text as body`,
    (q) => [randomUUID(), q.get('project')],
  ],
};

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const shape = SHAPES[url.pathname.slice(1)];
  req.resume();
  if (!shape) {
    res.writeHead(404).end();
    return;
  }
  pool.query(shape[0], shape[1](url.searchParams)).then(
    (r: { rows: { body: string }[] }) => res.writeHead(200, { 'content-type': 'application/json' }).end(r.rows[0].body),
    (e: unknown) => res.writeHead(500).end(String(e)),
  );
}).listen(Number(port), '127.0.0.1');
