// The optional HTTP interactions endpoint (Discord's "Interactions Endpoint URL"), on
// when DISCORD_PUBLIC_KEY is set. Every request's Ed25519 signature is checked first;
// a bad one gets 401 and nothing runs. PING answers PONG; commands and buttons take the
// same path as over the gateway, except that the first answer is this HTTP response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Responder } from './answer.js';
import * as api from './discord-rest.js';
import { type ApiInteraction, fromApiInteraction, handleInteraction } from './interactions.js';
import { describeError } from './log-safe.js';
import type { DiscordPayload } from './render.js';
import { payloadBody } from './render.js';
import type { DiscordRuntime } from './runtime.js';
import { verifyDiscordSignature } from './signature.js';

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** First answer in the HTTP response; everything after it through the webhook REST routes. */
function httpResponder(runtime: DiscordRuntime, res: ServerResponse, meta: { id: string; token: string }): Responder {
  const rest = runtime.restResponder(meta);
  const flags = (ephemeral: boolean) => (ephemeral ? api.EPHEMERAL : 0);
  const defer = async (ephemeral: boolean) =>
    sendJson(res, 200, { type: api.CallbackType.Deferred, data: { flags: flags(ephemeral) } });
  return {
    async reply(payload: DiscordPayload, ephemeral: boolean) {
      if (payload.files?.length) {
        // Files need multipart; defer here and attach them with the edit.
        await defer(ephemeral);
        return rest.editOriginal(payload);
      }
      sendJson(res, 200, { type: api.CallbackType.Message, data: payloadBody(payload, { flags: flags(ephemeral) }) });
    },
    defer,
    editOriginal: rest.editOriginal,
    deleteOriginal: rest.deleteOriginal,
    followUp: rest.followUp,
  };
}

export async function startInteractionsEndpoint(
  runtime: DiscordRuntime,
  options: { publicKey: string; port: number; host?: string },
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const { logger } = runtime;
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return sendText(res, 405, 'POST interactions here');
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (error) {
        return sendText(res, error instanceof BodyTooLarge ? 413 : 400, 'bad request body');
      }
      const valid = verifyDiscordSignature({
        publicKeyHex: options.publicKey,
        signatureHex: req.headers['x-signature-ed25519'] as string | undefined,
        timestamp: req.headers['x-signature-timestamp'] as string | undefined,
        body,
        now: new Date(),
      });
      if (!valid) return sendText(res, 401, 'invalid request signature');
      let json: ApiInteraction;
      try {
        json = JSON.parse(body.toString('utf8')) as ApiInteraction;
      } catch {
        return sendText(res, 400, 'the body is not JSON');
      }
      if (json.type === 1) return sendJson(res, 200, { type: api.CallbackType.Pong });
      const parsed = fromApiInteraction(json);
      if (!parsed) return sendText(res, 400, 'Steward handles slash commands and buttons only');
      await handleInteraction(runtime, parsed.meta, parsed.what, httpResponder(runtime, res, json));
      // A repeated interaction id is acted on once; this copy still needs an answer.
      if (!res.headersSent) {
        sendJson(res, 200, {
          type: api.CallbackType.Message,
          data: { content: 'Already handled.', flags: api.EPHEMERAL },
        });
      }
    })().catch((err) => {
      logger.error({ error: describeError(err) }, 'discord HTTP interaction failed');
      if (!res.headersSent) sendText(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
