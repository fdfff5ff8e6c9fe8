import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The example app's types come from the committed schema: in a copy of it, an
 * operation asking for a field the schema does not have fails codegen, and a
 * component reading a field its operation did not select fails the TypeScript
 * check. The untouched copy passes both, so each failure is the edit's.
 */
const WEB = resolve(__dirname, '../../examples/web');

function copy() {
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-web-types-'));
  for (const f of ['src', 'codegen.ts', 'tsconfig.json', 'package.json']) cpSync(join(WEB, f), join(dir, f), { recursive: true });
  symlinkSync(join(WEB, 'node_modules'), join(dir, 'node_modules'));
  // The schema path in codegen.ts is relative to examples/web.
  const config = join(dir, 'codegen.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace("'../../schema/schema.graphql'", JSON.stringify(resolve(__dirname, '../../schema/schema.graphql'))));
  const run = (script: string) => {
    // Without jest's NODE_ENV=test, under which graphql-codegen keeps its errors to itself.
    const { NODE_ENV: _, ...env } = process.env;
    const r = spawnSync('npm', ['run', script], { cwd: dir, encoding: 'utf8', env });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  };
  const edit = (file: string, from: string, to: string) => {
    const path = join(dir, 'src', file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    writeFileSync(path, text.replace(from, to));
  };
  return { run, edit, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('the example web app’s generated types', () => {
  beforeAll(() => {
    if (!existsSync(join(WEB, 'node_modules'))) spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: WEB, stdio: 'inherit' });
  });

  it('pass codegen and the TypeScript check as committed', () => {
    const web = copy();
    try {
      expect(web.run('codegen').code).toBe(0);
      expect(web.run('typecheck')).toEqual({ code: 0, output: expect.any(String) });
    } finally {
      web.dispose();
    }
  }, 120_000);

  it('fail codegen when an operation asks for a field the schema does not have', () => {
    const web = copy();
    try {
      web.edit('ProjectPage.tsx', '            tokensUsed\n', '            tokenCount\n');
      const codegen = web.run('codegen');
      expect(codegen.code).not.toBe(0);
      expect(codegen.output).toMatch(/Cannot query field "tokenCount" on type "CodeGeneration"/);
    } finally {
      web.dispose();
    }
  }, 120_000);

  it('fail the TypeScript check when a component reads a field its operation did not select', () => {
    const web = copy();
    try {
      web.edit('ProjectPage.tsx', '<td>{node.tokensUsed}</td>', '<td>{node.tokensUsed}</td><td>{node.specification}</td>');
      expect(web.run('codegen').code).toBe(0);
      const tsc = web.run('typecheck');
      expect(tsc.code).not.toBe(0);
      expect(tsc.output).toMatch(/Property 'specification' does not exist/);
    } finally {
      web.dispose();
    }
  }, 120_000);
});
