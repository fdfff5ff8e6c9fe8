/**
 * Deterministic demo data in the canonical row format (see format.ts): the same
 * --seed and --anchor give the same rows, byte for byte, on every backend.
 * Modelled on the MGX seed script: realistic users, projects of every kind,
 * code generations in several languages and statuses, analyses whose health
 * drifts over time, and autosaves.
 */
export const SEED_SIZES = {
  small: { users: 10, projects: 30, codeGenerations: 300, analyses: 60, autoSaves: 50 },
  /** 10,000 code generations: the small end of the scale bench (bench/scale.ts). */
  medium: { users: 100, projects: 1_000, codeGenerations: 10_000, analyses: 2_000, autoSaves: 1_000 },
  large: { users: 1000, projects: 10_000, codeGenerations: 100_000, analyses: 20_000, autoSaves: 10_000 },
  /** 1,000,000 code generations: the large end of the scale bench. */
  huge: { users: 10_000, projects: 100_000, codeGenerations: 1_000_000, analyses: 200_000, autoSaves: 100_000 },
} as const;
export type SeedSize = keyof typeof SEED_SIZES;

/** mulberry32: small, fast, good enough for demo data, and identical on every platform. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  /** A version-4-shaped UUID from the stream. */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return { next, int, pick, hex, uuid };
}

const FIRST = [
  'ada',
  'alan',
  'grace',
  'linus',
  'margaret',
  'dennis',
  'barbara',
  'ken',
  'frances',
  'guido',
  'yukihiro',
  'anders',
  'radia',
  'john',
  'sophie',
  'tim',
  'hedy',
  'edsger',
  'donald',
  'katherine',
];
const LAST = [
  'lovelace',
  'turing',
  'hopper',
  'torvalds',
  'hamilton',
  'ritchie',
  'liskov',
  'thompson',
  'allen',
  'rossum',
  'matsumoto',
  'hejlsberg',
  'perlman',
  'mccarthy',
  'wilson',
  'berners-lee',
  'lamarr',
  'dijkstra',
  'knuth',
  'johnson',
];
const THEMES = ['dark', 'light', 'solarized', 'dracula'];
const MODELS = ['gpt-4o', 'claude-3.5', 'llama-3-70b', 'mixtral'];
const KINDS = ['web', 'api', 'cli', 'library', 'mobile', 'data', 'other'] as const;
const STATUSES = ['draft', 'in_progress', 'in_progress', 'completed', 'archived'] as const;
const NOUNS = ['Inventory', 'Chat', 'Billing', 'Recipe', 'Weather', 'Fitness', 'Budget', 'Ticketing', 'Notes', 'Analytics', 'Booking', 'Survey'];
const SUFFIX = ['Service', 'App', 'Dashboard', 'CLI', 'SDK', 'Pipeline', 'Bot', 'Portal'];
const STACKS: [string, (string | null)[]][] = [
  ['typescript', ['express', 'nestjs', 'next.js', 'react', null]],
  ['python', ['fastapi', 'django', 'flask', 'pandas', null]],
  ['go', ['gin', 'echo', null]],
  ['rust', ['axum', 'actix', null]],
  ['java', ['spring', 'quarkus']],
  ['kotlin', ['ktor', 'android']],
  ['swift', ['swiftui', null]],
];
const GEN_STATUS = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'failed', 'failed', 'running', 'pending'] as const;
const ASKS = ['a REST endpoint that lists', 'a CLI command that imports', 'a React component that shows', 'a background job that syncs', 'unit tests for', 'a migration that adds'];
const THINGS = ['orders', 'invoices', 'users', 'sensor readings', 'recipes', 'tickets', 'audit events', 'payments'];
const DAY = 86_400_000;

export interface SeedRows {
  User: Record<string, unknown>[];
  Project: Record<string, unknown>[];
  CodeGeneration: Record<string, unknown>[];
  ProjectAnalysis: Record<string, unknown>[];
  AutoSave: Record<string, unknown>[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Yields rows entity by entity (parents first) in chunks, so the large dataset
 * (140k rows) never sits in memory at once.
 */
export function* seedRows(size: SeedSize, seed: number, anchor: Date): Generator<[keyof SeedRows, Record<string, unknown>[]]> {
  const n = SEED_SIZES[size];
  const r = prng(seed);
  const end = anchor.getTime();
  const start = end - 90 * DAY;
  const chunk = 2000;

  const users: { id: string; at: number }[] = [];
  let rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n.users; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const username = `${first}.${last}${i}`;
    const at = start + r.int(0, 30 * DAY);
    const id = r.uuid();
    users.push({ id, at });
    rows.push({
      id,
      createdAt: iso(at),
      updatedAt: iso(at + r.int(0, 10 * DAY)),
      username,
      email: `${username}@example.com`,
      // Not a SHA-256 hex digest (it starts with "x"), so no API key can ever match a seeded user.
      apiKeyHash: 'x' + r.hex(63),
      apiKeyPrefix: 'cbk_seeded__',
      role: 'user',
      preferences: { theme: r.pick(THEMES), model: r.pick(MODELS), autosave: r.next() < 0.8, tabSize: r.pick([2, 4]) },
    });
  }
  yield ['User', rows];

  const projects: { id: string; at: number }[] = [];
  rows = [];
  for (let i = 0; i < n.projects; i++) {
    const owner = users[i % users.length];
    const at = owner.at + r.int(0, Math.max(1, end - owner.at - DAY));
    const id = r.uuid();
    projects.push({ id, at });
    const kind = r.pick(KINDS);
    rows.push({
      id,
      createdAt: iso(at),
      updatedAt: iso(Math.min(end, at + r.int(0, 20 * DAY))),
      name: `${r.pick(NOUNS)} ${r.pick(SUFFIX)} ${i}`,
      description: `A ${kind} project generated as demo data.`,
      projectType: kind,
      status: r.pick(STATUSES),
      config: { kind, ci: r.next() < 0.5, targets: r.int(1, 3) },
      owner: owner.id,
    });
    if (rows.length === chunk) {
      yield ['Project', rows];
      rows = [];
    }
  }
  if (rows.length) yield ['Project', rows];

  rows = [];
  for (let i = 0; i < n.codeGenerations; i++) {
    const project = projects[r.int(0, projects.length - 1)];
    const at = project.at + r.int(0, Math.max(1, end - project.at));
    const [language, frameworks] = r.pick(STACKS);
    const framework = r.pick(frameworks);
    const status = r.pick(GEN_STATUS);
    const thing = r.pick(THINGS);
    // Drawn in the same order as before the queue fields existed: the same seed gives the same data.
    const id = r.uuid();
    const updatedAt = iso(Math.min(end, at + r.int(1000, 120_000)));
    rows.push({
      id,
      createdAt: iso(at),
      updatedAt,
      specification: `Write ${r.pick(ASKS)} ${thing}${framework ? ` using ${framework}` : ''}.`,
      language,
      framework,
      generatedCode: status === 'completed' ? `// ${language}: ${thing}\n// generated demo code ${i}\n` : null,
      status,
      tokensUsed: status === 'pending' ? 0 : r.int(200, 8000),
      // Queue fields follow from the status (no draws, so older seeds stay the same data):
      // claimed once unless pending; seeded RUNNING rows have no holder, their lease already over.
      ...queueFields(status, iso(at), updatedAt),
      project: project.id,
      day: iso(at).slice(0, 10),
    });
    if (rows.length === chunk) {
      yield ['CodeGeneration', rows];
      rows = [];
    }
  }
  if (rows.length) yield ['CodeGeneration', rows];

  rows = [];
  for (let i = 0; i < n.analyses; i++) {
    const project = projects[i % projects.length];
    const at = project.at + r.int(0, Math.max(1, end - project.at));
    // Health improves with time: later analyses score higher on average.
    const progress = (at - start) / (end - start);
    const health = Math.max(0, Math.min(100, Math.round(45 + 40 * progress + r.int(-15, 15))));
    const issues = r.int(0, Math.round((100 - health) / 5));
    rows.push({
      id: r.uuid(),
      createdAt: iso(at),
      updatedAt: iso(at),
      analysisData: { lint: { errors: issues, warnings: r.int(0, 30) }, coverage: Math.round(r.next() * 1000) / 10, complexity: r.int(1, 40) },
      healthScore: health,
      issuesCount: issues,
      warningsCount: r.int(0, 30),
      project: project.id,
      day: iso(at).slice(0, 10),
    });
    if (rows.length === chunk) {
      yield ['ProjectAnalysis', rows];
      rows = [];
    }
  }
  if (rows.length) yield ['ProjectAnalysis', rows];

  rows = [];
  for (let i = 0; i < n.autoSaves; i++) {
    const user = users[r.int(0, users.length - 1)];
    const at = user.at + r.int(0, Math.max(1, end - user.at));
    const content = `export const value${i} = ${r.int(0, 1000)};\n`.repeat(r.int(1, 20));
    rows.push({
      id: r.uuid(),
      createdAt: iso(at),
      updatedAt: iso(at),
      saveId: `session-${r.hex(8)}`,
      filePath: `src/${r.pick(THINGS).replace(' ', '-')}/${r.pick(['index', 'model', 'routes', 'util'])}.ts`,
      content,
      saveType: r.pick(['auto', 'auto', 'auto', 'manual', 'checkpoint']),
      metadata: { editor: r.pick(['vscode', 'vim', 'jetbrains']), line: r.int(1, 500) },
      sizeChars: [...content].length,
      user: user.id,
    });
    if (rows.length === chunk) {
      yield ['AutoSave', rows];
      rows = [];
    }
  }
  if (rows.length) yield ['AutoSave', rows];
}

export function seedTotal(size: SeedSize): number {
  return Object.values(SEED_SIZES[size]).reduce((a, b) => a + b, 0);
}

/** A seeded generation's queue fields, from its status and times (see the work queue in README). */
function queueFields(status: string, createdAt: string, updatedAt: string): Record<string, unknown> {
  const started = status !== 'pending';
  const finished = status === 'completed' || status === 'failed';
  // Claimed a third of the way from creation to the last change: every seeded queue time has a wait and a run.
  const created = Date.parse(createdAt);
  const startedAt = new Date(created + Math.floor((Date.parse(updatedAt) - created) / 3)).toISOString();
  return {
    priority: 0,
    attempts: started ? 1 : 0,
    maxAttempts: 3,
    runAfter: null,
    lockedBy: null,
    lockedUntil: status === 'running' ? updatedAt : null,
    lastError: status === 'failed' ? 'seeded failure' : null,
    startedAt: started ? startedAt : null,
    completedAt: finished ? updatedAt : null,
  };
}
