// A loopback fake of Slack's Web API (and response_url hooks, file uploads, and the Socket
// Mode WebSocket) for end-to-end tests: the real @slack/web-api and Bolt talk to it over
// HTTP on 127.0.0.1. It records every call and answers as Slack does, including
// `ok: false` errors and 429 with Retry-After. Shapes follow docs.slack.dev/reference/methods.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const FAKE_TEAM_ID = 'T0STEWARD';
export const FAKE_BOT_TOKEN = 'xoxb-fake-steward-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-steward-token';
export const FAKE_BOT_USER_ID = 'U0BOTSTEW';
export const FAKE_BOT_ID = 'B0BOTSTEW';

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), "response_url" or "upload". */
  method: string;
  args: Record<string, unknown>;
  /** For response_url calls: the hook path; for uploads: the file id. */
  path?: string;
  /** What the fake answered. */
  response: Record<string, unknown>;
  status: number;
}

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  display_name?: string;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

type Failure = ({ status: 429; retryAfter: number } | { status: 200; error: string }) & {
  /** Only calls whose arguments match (default: any call of the method). */
  when?: (args: Record<string, unknown>) => boolean;
};

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly waiters = new Set<() => void>();
  private seq = 0;
  private sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, wss, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.acceptSocket(ws));
    });
    return fake;
  }

  /** The base URL to give WebClient / Bolt as slackApiUrl. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url for one interaction, served (and recorded) by this fake. */
  responseUrl(id = randomUUID()): string {
    return `${this.baseUrl}/hooks/commands/${FAKE_TEAM_ID}/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` fail: 429 with Retry-After, or `ok: false` with an error. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Successful calls of a method (what Slack accepted). */
  accepted(method: string): RecordedCall[] {
    return this.callsOf(method).filter((c) => c.status === 200 && c.response.ok !== false);
  }

  /** Waits until `check` returns a truthy value (re-checked after every call). */
  async waitFor<T>(
    check: () => T | undefined | false | null,
    timeoutMs = 15_000,
    what = 'the expected Slack calls',
  ): Promise<T> {
    const first = check();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${this.summary()}`));
      }, timeoutMs);
      const waiter = () => {
        const value = check();
        if (value) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(value);
        }
      };
      this.waiters.add(waiter);
    });
  }

  /** Waits for at least `count` accepted calls of `method`; returns them. */
  waitForCalls(method: string, count = 1, timeoutMs = 15_000): Promise<RecordedCall[]> {
    return this.waitFor(
      () => {
        const calls = this.accepted(method);
        return calls.length >= count ? calls : undefined;
      },
      timeoutMs,
      `${count} accepted ${method} call(s)`,
    );
  }

  summary(): string {
    return (
      this.calls
        .map(
          (c) =>
            `${c.method}${c.status === 429 ? '(429)' : c.response.ok === false ? `(${String(c.response.error)})` : ''}`,
        )
        .join(', ') || '(none)'
    );
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- Socket Mode -------------------------------------------------------------------

  /** Whether a Socket Mode client is connected. */
  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** Sends an envelope to the connected Socket Mode client; resolves with its ack's payload. */
  sendEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown): Promise<unknown> {
    const ws = [...this.sockets][0];
    if (!ws) throw new Error('no Socket Mode client is connected');
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    ws.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  private acceptSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? null);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0STEWARD' } }));
    this.notify();
  }

  // --- HTTP ----------------------------------------------------------------------------

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private record(call: RecordedCall, res: ServerResponse, headers: Record<string, string> = {}): void {
    this.calls.push(call);
    const body = JSON.stringify(call.response);
    res.writeHead(call.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
    this.notify();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/hooks/')) {
      const args = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      return this.record(
        { method: 'response_url', path: url.pathname, args, response: { ok: true }, status: 200 },
        res,
      );
    }
    if (url.pathname.startsWith('/upload/')) {
      const form = await new Request(url, {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const file = form.get('body') ?? form.get('file');
      const size = typeof file === 'object' && file ? file.size : 0;
      const fileId = url.pathname.split('/').pop()!;
      return this.record({ method: 'upload', path: fileId, args: { size }, response: { ok: true }, status: 200 }, res);
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(req.headers['content-type'] ?? '', raw);
    const queue = this.failures.get(method) ?? [];
    const index = queue.findIndex((f) => !f.when || f.when(args));
    const failure = index >= 0 ? queue.splice(index, 1)[0] : undefined;
    if (failure?.status === 429) {
      return this.record({ method, args, response: { ok: false, error: 'ratelimited' }, status: 429 }, res, {
        'retry-after': String(failure.retryAfter),
      });
    }
    if (failure) return this.record({ method, args, response: { ok: false, error: failure.error }, status: 200 }, res);
    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^Bearer /, '') || String(args.token ?? '');
    const expected = method === 'apps.connections.open' ? FAKE_APP_TOKEN : FAKE_BOT_TOKEN;
    if (token !== expected) {
      return this.record({ method, args, response: { ok: false, error: 'invalid_auth' }, status: 200 }, res);
    }
    this.record({ method, args, response: this.answer(method, args), status: 200 }, res);
  }

  private nextTs(): string {
    this.seq++;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://steward-test.slack.com/',
          team: 'Steward Test',
          user: 'steward',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.baseUrl.replace('http', 'ws')}/socket` };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: FAKE_TEAM_ID,
            name: user.name,
            deleted: user.deleted ?? false,
            real_name: user.real_name ?? user.name,
            is_bot: user.is_bot ?? false,
            is_owner: user.is_primary_owner ?? false,
            is_primary_owner: user.is_primary_owner ?? false,
            profile: { real_name: user.real_name ?? user.name, display_name: user.display_name ?? '' },
          },
        };
      }
      case 'conversations.open': {
        const userId = String(args.users ?? '');
        const user = this.users.get(userId);
        if (!userId) return { ok: false, error: 'users_list_not_supplied' };
        if (user?.deleted) return { ok: false, error: 'user_disabled' };
        return { ok: true, channel: { id: `D${userId.slice(1)}` } };
      }
      case 'chat.postMessage': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        const ts = this.nextTs();
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: {
            type: 'message',
            text: args.text,
            user: FAKE_BOT_USER_ID,
            bot_id: FAKE_BOT_ID,
            ts,
            ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          },
        };
      }
      case 'chat.postEphemeral':
        if (!args.channel || !args.user) return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: this.nextTs() };
      case 'views.publish':
        if (!args.user_id || typeof args.view !== 'object') return { ok: false, error: 'invalid_arguments' };
        return {
          ok: true,
          view: { id: `V${this.seq++}`, type: 'home', blocks: (args.view as { blocks?: unknown }).blocks },
        };
      case 'views.open':
        if (!args.trigger_id || typeof args.view !== 'object') return { ok: false, error: 'invalid_arguments' };
        return {
          ok: true,
          view: { ...(args.view as object), id: `V${String(++this.seq).padStart(8, '0')}`, hash: `${this.seq}.abc` },
        };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.seq).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return {
          ok: true,
          files:
            (args.files as { id: string; title?: string }[] | undefined)?.map((f) => ({ id: f.id, title: f.title })) ??
            [],
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Web API arguments arrive form-encoded (objects as JSON strings) or as JSON. */
function parseArgs(contentType: string, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
