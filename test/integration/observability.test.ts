import 'reflect-metadata';
import { selectedBackends } from '../support/backends';
import { TestServer } from '../support/server';

/**
 * What an operator reads: one log line per GraphQL request (request id,
 * operation, caller id but never the key, status, code, duration) and
 * Prometheus metrics (by operation and code, latency, round trips, process),
 * behind METRICS_TOKEN when set, with a bounded set of operation labels.
 */
describe.each(selectedBackends())('logs and metrics on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend, { LOG_LEVEL: 'info', METRICS_TOKEN: 'metrics-secret', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' });
  });
  afterAll(() => server.stop());

  const metricsText = async (token?: string) => {
    const res = await fetch(server.url.replace('/graphql', '/metrics'), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, text: await res.text() };
  };

  it('logs each request once, without the key, and counts it by operation and code', async () => {
    expect((await server.raw({ query: 'query Me { me { id } }' })).errors).toBeUndefined();
    const bad = await server.raw({ query: 'mutation Bad { createProject(input: { name: "" }) { id } }' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const wrongKey = await server.as(`cbk_${'x'.repeat(43)}`).raw({ query: 'query Me { me { id } }' });
    expect(wrongKey.status).toBe(401);

    const requests = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({ level: 'info', operation: 'Me', caller: server.admin.id, status: 200, code: 'ok', ms: expect.any(Number), requestId: expect.any(String) }),
      expect.objectContaining({ operation: 'Bad', caller: server.admin.id, status: 200, code: 'BAD_USER_INPUT' }),
      expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }),
    ]);
    expect(requests[2].caller).toBeUndefined();
    expect(server.logs.join('\n')).not.toContain(server.admin.apiKey);

    expect((await metricsText()).status).toBe(401);
    expect((await metricsText('wrong')).status).toBe(401);
    const { status, text } = await metricsText('metrics-secret');
    expect(status).toBe(200);
    expect(text).toContain('codeobit_graphql_requests_total{operation="Me",code="ok"} 1');
    expect(text).toContain('codeobit_graphql_requests_total{operation="Bad",code="BAD_USER_INPUT"} 1');
    expect(text).toContain('codeobit_graphql_requests_total{operation="anonymous",code="UNAUTHENTICATED"} 1');
    expect(text).toMatch(/^codeobit_graphql_request_duration_seconds_count\{operation="Me"\} 1$/m);
    expect(text).toMatch(/^codeobit_db_round_trips_total \d+$/m);
    expect(text).toMatch(/^codeobit_db_unavailable 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('keeps the operation labels bounded whatever names clients send', async () => {
    await Promise.all(Array.from({ length: 260 }, (_, i) => server.raw({ query: `query Name${i} { __typename }` })));
    await server.raw({ query: `query ${'N'.repeat(100)} { __typename }` });
    const { text } = await metricsText('metrics-secret');
    const labels = new Set([...text.matchAll(/^codeobit_graphql_requests_total\{operation="([^"]*)"/gm)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(200 + 3);
    expect(labels).toContain('other');
    expect(labels).toContain('invalid');
  });
});
