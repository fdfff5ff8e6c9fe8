/** The queue protocol over HTTP, as any worker speaks it (see QueueResolver). */

export interface QueueJob {
  id: string;
  specification: string;
  language: string;
  framework: string | null;
  priority: number;
  attempts: number;
  maxAttempts: number;
}

const JOB = 'id specification language framework priority attempts maxAttempts';

/** A GraphQL error answer: its code and, for CONFLICT, its reason (LEASE_LOST). */
export class QueueError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reason?: string,
    /** Transport failures and 5xx: worth retrying. */
    readonly transient = false,
  ) {
    super(message);
  }
}

export class QueueClient {
  constructor(
    private readonly url: string,
    private readonly key: string,
    readonly workerId: string,
  ) {}

  private async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new QueueError(`gateway unreachable: ${(e as Error).message}`, 'UNREACHABLE', undefined, true);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
    const error = body.errors?.[0];
    if (error || !body.data) {
      const code = error?.extensions?.code ?? `HTTP_${res.status}`;
      throw new QueueError(error?.message ?? `HTTP ${res.status}`, code, error?.extensions?.reason, res.status >= 500 || res.status === 429);
    }
    return body.data;
  }

  async claim(limit: number, leaseSeconds: number, languages?: string[]): Promise<QueueJob[]> {
    const q = `mutation($w: String!, $n: Int!, $l: Int!, $langs: [String!]) { claimCodeGenerations(workerId: $w, limit: $n, leaseSeconds: $l, languages: $langs) { ${JOB} } }`;
    return (await this.call<{ claimCodeGenerations: QueueJob[] }>(q, { w: this.workerId, n: limit, l: leaseSeconds, langs: languages })).claimCodeGenerations;
  }

  async heartbeat(id: string, leaseSeconds: number): Promise<void> {
    await this.call(`mutation($id: ID!, $w: String!, $l: Int!) { heartbeat(id: $id, workerId: $w, leaseSeconds: $l) { id } }`, { id, w: this.workerId, l: leaseSeconds });
  }

  async complete(id: string, generatedCode: string, tokensUsed: number): Promise<void> {
    await this.call(`mutation($id: ID!, $w: String!, $c: String!, $t: Int!) { completeCodeGeneration(id: $id, workerId: $w, generatedCode: $c, tokensUsed: $t) { id } }`, {
      id,
      w: this.workerId,
      c: generatedCode,
      t: tokensUsed,
    });
  }

  async fail(id: string, error: string, retryable: boolean): Promise<string> {
    const q = `mutation($id: ID!, $w: String!, $e: String!, $r: Boolean!) { failCodeGeneration(id: $id, workerId: $w, error: $e, retryable: $r) { status } }`;
    return (await this.call<{ failCodeGeneration: { status: string } }>(q, { id, w: this.workerId, e: error, r: retryable })).failCodeGeneration.status;
  }

  async release(id: string): Promise<void> {
    await this.call(`mutation($id: ID!, $w: String!) { releaseCodeGeneration(id: $id, workerId: $w) { id } }`, { id, w: this.workerId });
  }
}
