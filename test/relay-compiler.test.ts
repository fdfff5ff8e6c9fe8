import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Relay clients can use the API: relay-compiler (the npm package's own binary)
 * compiles test/relay's documents, with @connection on the lists a UI pages
 * through and @refetchable fragments (which need the Node interface and
 * Query.node), against the committed schema. A document that puts @connection
 * on a field that is not a connection fails, so the check can fail.
 */
const CLI = require.resolve('relay-compiler/cli.js');
const SCHEMA = resolve(__dirname, '../schema/schema.graphql');

function compile(extra?: { file: string; source: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-relay-'));
  cpSync(resolve(__dirname, 'relay/src'), join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'src/__generated__'));
  if (extra) writeFileSync(join(dir, 'src', extra.file), extra.source);
  writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ src: './src', schema: SCHEMA, language: 'typescript', artifactDirectory: './src/__generated__' }));
  const run = spawnSync(process.execPath, [CLI, join(dir, 'relay.config.json')], { cwd: dir, encoding: 'utf8' });
  return { dir, code: run.status, output: `${run.stdout}${run.stderr}`, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('relay-compiler', () => {
  it('compiles connections and refetchable fragments against the committed schema', () => {
    const run = compile();
    try {
      expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ code: 0, output: '' });
      for (const artifact of ['ProjectsPageQuery', 'ProjectCardPaginationQuery', 'ViewerPagePaginationQuery', 'ViewerPageAnalysesQuery']) {
        expect(existsSync(join(run.dir, 'src/__generated__', `${artifact}.graphql.ts`))).toBe(true);
      }
    } finally {
      run.dispose();
    }
  }, 60_000);

  it('refuses @connection on a field that is not a connection', () => {
    const broken = `declare const graphql: (s: TemplateStringsArray) => unknown;
export const q = graphql\`
  query BrokenQuery {
    project(id: "00000000-0000-4000-8000-000000000000") { latestAnalysis @connection(key: "Broken_latest") { id } }
  }
\`;
`;
    const run = compile({ file: 'Broken.ts', source: broken });
    try {
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/connection/i);
    } finally {
      run.dispose();
    }
  }, 60_000);
});
