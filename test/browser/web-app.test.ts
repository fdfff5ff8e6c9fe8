import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../support/ports';
import { serveStatic } from '../support/static-server';
import { TestServer } from '../support/server';

/**
 * The example app (examples/web: React, Apollo Client, GraphQL Code Generator's
 * client preset, Vite, recharts) in Debian's Chromium, against a real gateway on
 * SQLite on another origin (CORS): build (codegen + typecheck + vite), sign in,
 * page, filter, sort, create a project (seeing a field error first), open a
 * project, ask for a generation, read the analytics charts. Screenshots go to a
 * folder printed at the end.
 */
const WEB = resolve(__dirname, '../../examples/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the example web app in Chromium', () => {
  let server: TestServer;
  let app: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let page: Page;
  let aliceKey: string;
  const shots = mkdtempSync(join(tmpdir(), 'codeobit-web-shots-'));
  const timings: string[] = [];
  const pageErrors: string[] = [];
  let last = Date.now();
  const step = async (name: string) => {
    await page.screenshot({ path: join(shots, `${String(timings.length + 1).padStart(2, '0')}-${name}.png`), fullPage: true });
    timings.push(`${name} ${Date.now() - last} ms`);
    last = Date.now();
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    if (!existsSync(join(WEB, 'node_modules'))) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: WEB, stdio: 'inherit' });
    // codegen from the committed schema, the TypeScript check, then the Vite build.
    const { NODE_ENV: _, ...env } = process.env; // a production build, not jest's NODE_ENV=test
    execFileSync('npm', ['run', 'build'], { cwd: WEB, stdio: 'pipe', env });
    const appPort = await freePort();
    server = await TestServer.start('sqlite', { CORS_ORIGINS: `http://127.0.0.1:${appPort}`, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' });
    app = await serveStatic(join(WEB, 'dist'), appPort);
    const gql = async (query: string, variables: Record<string, unknown> = {}, key = server.key) => {
      const res = await server.as(key).raw<Record<string, any>>({ query, variables });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const alice = (await gql(`mutation { createUser(input: { username: "alice", email: "alice@example.com" }) { apiKey } }`)).createUser;
    aliceKey = alice.apiKey;
    const projects: string[] = [];
    for (let i = 1; i <= 7; i++) projects.push((await gql(`mutation($n: String!) { createProject(input: { name: $n }) { id } }`, { n: `project-${i}` }, aliceKey)).createProject.id);
    for (const [tokens, status] of [
      [100, 'COMPLETED'],
      [200, 'COMPLETED'],
      [300, 'COMPLETED'],
      [400, 'FAILED'],
    ] as const) {
      await gql(
        `mutation($p: ID!, $t: Int!, $s: GenerationStatus) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go", tokensUsed: $t, status: $s }) { id } }`,
        { p: projects[0], t: tokens, s: status },
        aliceKey,
      );
    }
    for (const score of [60, 80])
      await gql(`mutation($p: ID!, $h: Int!) { createProjectAnalysis(input: { projectId: $p, healthScore: $h, issuesCount: 3 }) { id } }`, { p: projects[0], h: score }, aliceKey);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // What the page itself reports: printed with the timings, asserted empty at the end.
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await server?.stop();
    process.stdout.write(`\nweb app in Chromium: ${timings.join(', ')}\nscreenshots: ${shots}\n${pageErrors.join('\n')}\n`);
  });

  it('signs in, pages, filters, sorts, creates, shows field errors and charts with the right numbers', async () => {
    try {
      await walkThrough();
    } catch (error) {
      await step('failed');
      throw error;
    }
    // The only error the page logged is the browser's note on the wrong key's 401.
    expect(pageErrors.filter((e) => !e.includes('401'))).toEqual([]);
  }, 180_000);

  async function walkThrough() {
    last = Date.now();
    const rows = page.getByTestId('project-row');
    await page.goto(`${app.origin}/?gateway=${encodeURIComponent(server.url)}`);

    // A wrong key is refused by the gateway (401 UNAUTHENTICATED), a right one signs in.
    await page.getByTestId('api-key').fill('cbk_not_a_real_key_at_all');
    await page.getByTestId('sign-in').click();
    await page.getByTestId('sign-in-error').waitFor();
    await step('wrong-key');
    await page.getByTestId('api-key').fill(aliceKey);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('viewer').getByText('alice').waitFor();

    // Pages of 5, merged by cursor.
    await page.getByTestId('project-count').getByText('5 of 7').waitFor();
    expect(await rows.count()).toBe(5);
    await step('projects');
    await page.getByTestId('load-more').click();
    await page.getByTestId('project-count').getByText('7 of 7').waitFor();
    expect(await page.getByTestId('load-more').count()).toBe(0);

    // Filtered by name, sorted.
    await page.getByTestId('project-search').fill('project-3');
    await page.getByTestId('project-count').getByText('1 of 1').waitFor();
    await page.getByTestId('project-search').fill('');
    await page.getByTestId('project-order').selectOption('Name Z–A');
    await page.getByTestId('project-count').getByText('5 of 7').waitFor();
    expect(await rows.first().getByTestId('open-project').textContent()).toBe('project-7');
    await step('sorted');

    // The gateway's validation error shows next to its field; then the project is made.
    await page.getByTestId('create-project-submit').click();
    await page.getByTestId('error-name').waitFor();
    expect(await page.getByTestId('error-name').textContent()).toMatch(/name/);
    await step('field-error');
    await page.getByTestId('project-name').fill('from-the-browser');
    await page.getByTestId('create-project-submit').click();
    await page.getByTestId('created-project').waitFor();
    await page.getByTestId('project-count').getByText('5 of 8').waitFor();

    // A project with its latest analysis and generations; a generation asked for.
    await page.getByTestId('project-order').selectOption('Oldest first');
    await rows.first().getByTestId('open-project').getByText('project-1').click();
    await page.getByTestId('project-title').getByText('project-1').waitFor();
    expect(await page.getByTestId('latest-analysis').textContent()).toContain('Health 80/100');
    expect(await page.getByTestId('generation-row').count()).toBe(4);
    await page.getByTestId('create-generation-submit').click();
    await page.getByTestId('error-specification').waitFor();
    await page.getByTestId('generation-spec').fill('a CLI that prints the time');
    await page.getByTestId('generation-language').fill('rust');
    await page.getByTestId('create-generation-submit').click();
    await page.getByTestId('generation-row').nth(4).waitFor();
    expect(await page.getByTestId('generation-row').first().textContent()).toContain('rust');
    await step('project');

    // Analytics: 3 completed, 1 failed (the new one is PENDING), 1,000 tokens, one day, one analysed day.
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('success-rate').waitFor();
    expect(await page.getByTestId('success-rate').textContent()).toBe('75.0%');
    expect(await page.getByTestId('total-tokens').textContent()).toBe('1000');
    expect(await page.getByTestId('total-generations').textContent()).toBe('5');
    // One day of data: one point per line chart, at its day; bars as tall as their counts (3 and 1).
    expect(await page.locator('[data-testid=chart-tokens] .recharts-line-dot').count()).toBe(1);
    expect(await page.locator('[data-testid=chart-health] .recharts-line-dot').count()).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.getByTestId('chart-tokens').textContent()).toContain(today);
    const bars = page.locator('[data-testid=chart-success] .recharts-bar-rectangle');
    expect(await bars.count()).toBe(2);
    const [completed, failed] = [(await bars.nth(0).boundingBox())!.height, (await bars.nth(1).boundingBox())!.height];
    expect(Math.abs(completed / failed - 3)).toBeLessThan(0.05);
    await step('analytics');
  }
});
