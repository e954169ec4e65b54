// A loopback fake of Discord: the REST API under /api/v10 and the gateway (the `ws`
// package) on the same port. The real discord.js client connects to it unchanged:
// GET /gateway/bot names the ws:// URL, the gateway says HELLO (op 10), answers
// IDENTIFY (op 2) with READY + GUILD_CREATE, heartbeats (op 1) with op 11, RESUME
// (op 6) with a replay, and tests dispatch INTERACTION_CREATE, MESSAGE_CREATE and
// GUILD_MEMBER_REMOVE. Everything the bot sends is recorded for assertions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { fixture, type Payload, snowflake } from './fake-discord-payloads.js';

export interface FakeChannel {
  id: string;
  name: string;
}

export interface SentFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface Recorded {
  body: Payload;
  files: SentFile[];
}

export interface CreatedMessage extends Recorded {
  id: string;
  channelId: string;
}

export interface InteractionCallback extends Recorded {
  interactionId: string;
  token: string;
}

export interface WebhookCall extends Recorded {
  method: string;
  token: string;
  /** '@original' for edits and deletes; undefined for follow-ups. */
  messageId?: string;
}

interface RateLimitRule {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
  remaining: number;
}

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export interface FakeDiscordOptions {
  guildId?: string;
  ownerId?: string;
  channels?: FakeChannel[];
  heartbeatIntervalMs?: number;
}

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly botId = snowflake();
  readonly guildId: string;
  readonly ownerId: string;
  readonly channels: FakeChannel[];
  readonly token = 'fake-bot-token';

  readonly callbacks: InteractionCallback[] = [];
  readonly webhookCalls: WebhookCall[] = [];
  readonly messages: CreatedMessage[] = [];
  readonly threads: { id: string; parentId: string; name: string }[] = [];
  readonly dmChannels = new Map<string, string>();
  readonly reactions: { channelId: string; messageId: string; emoji: string }[] = [];
  readonly commandPuts: { path: string; body: Payload[] }[] = [];
  readonly identifies: Payload[] = [];
  readonly resumes: Payload[] = [];
  /** Every REST request, "METHOD /path", in order. */
  readonly requests: string[] = [];

  private readonly rateLimits: RateLimitRule[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly dispatched: Dispatch[] = [];
  private sequence = 0;
  private sessionId = `session-${snowflake()}`;
  private replayFromSeq: number | undefined;
  private server!: Server;
  private wss!: WebSocketServer;
  private port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.guildId = options.guildId ?? snowflake();
    this.ownerId = options.ownerId ?? snowflake();
    this.channels = options.channels ?? [];
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  channel(name: string): FakeChannel {
    const found = this.channels.find((c) => c.name === name);
    if (!found) throw new Error(`the fake has no channel #${name}`);
    return found;
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handleRest(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onGatewayConnection(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- gateway ------------------------------------------------------------------

  private send(socket: WebSocket, payload: unknown): void {
    socket.send(JSON.stringify(payload));
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    this.send(socket, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } });
    socket.on('message', (raw) => {
      const packet = JSON.parse(raw.toString()) as { op: number; d: Payload };
      if (packet.op === 1) this.send(socket, { op: 11 });
      else if (packet.op === 2) this.onIdentify(socket, packet.d);
      else if (packet.op === 6) this.onResume(socket, packet.d);
    });
  }

  private onIdentify(socket: WebSocket, identify: Payload): void {
    this.identifies.push(identify);
    this.sessionId = `session-${snowflake()}`;
    this.sequence = 0;
    this.dispatched.length = 0;
    const ready = fixture('ready', {
      BOT_ID: this.botId,
      GUILD_ID: this.guildId,
      SESSION_ID: this.sessionId,
      RESUME_URL: this.gatewayUrl,
      APPLICATION_ID: this.applicationId,
    });
    if (identify.shard) ready.shard = identify.shard;
    this.dispatchTo(socket, 'READY', ready);
    const guild = fixture('guild-create', { GUILD_ID: this.guildId, OWNER_ID: this.ownerId });
    guild.channels = this.channels.map((c, position) => ({
      id: c.id,
      type: 0,
      name: c.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    }));
    this.dispatchTo(socket, 'GUILD_CREATE', guild);
  }

  private onResume(socket: WebSocket, resume: Payload): void {
    this.resumes.push(resume);
    if (resume.session_id !== this.sessionId) {
      this.send(socket, { op: 9, d: false }); // invalid session: the client identifies afresh
      return;
    }
    // Discord replays what the client missed; a test may also replay what it already saw.
    const from = Math.min(Number(resume.seq) + 1, this.replayFromSeq ?? Number.POSITIVE_INFINITY);
    this.replayFromSeq = undefined;
    for (const event of this.dispatched.filter((e) => e.s >= from)) this.send(socket, event);
    this.dispatchTo(socket, 'RESUMED', {});
  }

  private dispatchTo(socket: WebSocket, t: string, d: unknown): number {
    const event: Dispatch = { op: 0, t, s: ++this.sequence, d };
    this.dispatched.push(event);
    this.send(socket, event);
    return event.s;
  }

  /** The sequence number the dispatch of the payload with this id was sent under. */
  seqOf(id: string): number {
    const event = this.dispatched.find((e) => (e.d as { id?: string }).id === id);
    if (!event) throw new Error(`nothing with id ${id} was dispatched in this session`);
    return event.s;
  }

  /** Sends a dispatch to the connected client; resolves with its sequence number. */
  async dispatch(t: string, d: unknown): Promise<number> {
    const socket = await this.waitFor(() => [...this.sockets][0]);
    return this.dispatchTo(socket, t, d);
  }

  /**
   * Asks the client to reconnect (op 7). It resumes with its last sequence number; the
   * fake then replays every later event and, with `replayFromSeq`, also the events from
   * that sequence number on that the client had already received, as Discord may after
   * a zombied connection.
   */
  async reconnect(options: { replayFromSeq?: number } = {}): Promise<void> {
    const socket = await this.waitFor(() => [...this.sockets][0]);
    const resumesBefore = this.resumes.length;
    this.replayFromSeq = options.replayFromSeq;
    this.send(socket, { op: 7, d: null });
    await this.waitFor(() => this.resumes.length > resumesBefore || undefined);
  }

  // ---- REST ---------------------------------------------------------------------

  /** The next `times` requests matching method and path get 429 with Retry-After. */
  rateLimit(method: string, path: RegExp, retryAfterSeconds: number, times = 1): void {
    this.rateLimits.push({ method, path, retryAfterSeconds, remaining: times });
  }

  private async readBody(req: IncomingMessage): Promise<Recorded> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const files: SentFile[] = [];
      let body: Payload = {};
      for (const [key, value] of form.entries()) {
        if (key === 'payload_json') body = JSON.parse(String(value));
        else if (typeof value !== 'string') {
          files.push({ name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
        }
      }
      return { body, files };
    }
    return { body: raw.length ? (JSON.parse(raw.toString('utf8')) as Payload) : {}, files: [] };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  /** 204 with no content type: discord.js would try to parse an empty JSON body. */
  private noContent(res: ServerResponse): void {
    res.writeHead(204);
    res.end();
  }

  private message(channelId: string, recorded: Recorded): Payload {
    const id = snowflake();
    this.messages.push({ id, channelId, ...recorded });
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: recorded.body.content ?? '',
      author: { id: this.botId, username: 'Steward', discriminator: '0', global_name: null, avatar: null, bot: true },
      attachments: recorded.files.map((f) => ({ id: snowflake(), filename: f.name, size: f.data.length })),
      embeds: recorded.body.embeds ?? [],
      components: recorded.body.components ?? [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
    };
  }

  private async handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    this.requests.push(`${method} ${path}`);
    const recorded = await this.readBody(req);

    const limited = this.rateLimits.find((r) => r.remaining > 0 && r.method === method && r.path.test(path));
    if (limited) {
      limited.remaining--;
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(limited.retryAfterSeconds),
        'x-ratelimit-scope': 'user',
      });
      res.end(
        JSON.stringify({
          message: 'You are being rate limited.',
          retry_after: limited.retryAfterSeconds,
          global: false,
        }),
      );
      return;
    }

    const on = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return this.json(res, 200, { ...fixture('gateway-bot'), url: this.gatewayUrl });
    }
    if (method === 'GET' && path === '/users/@me') {
      return this.json(res, 200, { id: this.botId, username: 'Steward', discriminator: '0', bot: true });
    }
    m = on('POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (m) {
      this.callbacks.push({ interactionId: m[1]!, token: m[2]!, ...recorded });
      return this.noContent(res);
    }
    m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
    if (m) {
      this.webhookCalls.push({ method, token: m[2]!, messageId: m[3], ...recorded });
      if (method === 'DELETE') return this.noContent(res);
      return this.json(res, 200, this.message('interaction', recorded));
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const userId = String(recorded.body.recipient_id);
      let channelId = this.dmChannels.get(userId);
      if (!channelId) {
        channelId = snowflake();
        this.dmChannels.set(userId, channelId);
      }
      return this.json(res, 200, {
        id: channelId,
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [{ id: userId }],
      });
    }
    m = on('POST', /^\/channels\/(\d+)\/messages$/);
    if (m) {
      return this.json(res, 200, this.message(m[1]!, recorded));
    }
    m = on('POST', /^\/channels\/(\d+)\/threads$/);
    if (m) {
      const thread = fixture('thread-channel', {
        THREAD_ID: snowflake(),
        GUILD_ID: this.guildId,
        PARENT_ID: m[1]!,
        BOT_ID: this.botId,
        NAME: String(recorded.body.name),
      });
      this.threads.push({ id: thread.id, parentId: m[1]!, name: thread.name });
      // Discord tells the creator about its new thread over the gateway too.
      if (this.sockets.size) await this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return this.json(res, 201, thread);
    }
    m = on('PUT', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/);
    if (m) {
      this.reactions.push({ channelId: m[1]!, messageId: m[2]!, emoji: decodeURIComponent(m[3]!) });
      return this.noContent(res);
    }
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && method === 'PUT') {
      const body = recorded.body as unknown as Payload[];
      this.commandPuts.push({ path, body });
      return this.json(
        res,
        200,
        body.map((c) => ({ ...c, id: snowflake(), application_id: this.applicationId, version: snowflake() })),
      );
    }
    m = on('GET', /^\/channels\/(\d+)$/);
    if (m) {
      const id = m[1];
      const channel = this.channels.find((c) => c.id === id);
      if (channel) return this.json(res, 200, { id: channel.id, type: 0, name: channel.name, guild_id: this.guildId });
    }
    this.json(res, 404, { message: `404: Not Found (${method} ${path})`, code: 0 });
  }

  /** Polls until `probe` returns something (not undefined/false), or fails after timeoutMs. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > until) throw new Error('the fake Discord waited in vain');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
