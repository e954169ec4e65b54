// The optional HTTP interactions endpoint (DISCORD_PUBLIC_KEY): requests signed with
// Ed25519 exactly as Discord signs them are answered; anything else gets 401 and runs
// nothing.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readySodium, sodium } from '../../src/crypto/sodium.js';
import { type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';
import { commandInteraction, fakeUser } from '../support/fake-discord-payloads.js';

let t: DiscordTest;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
beforeAll(async () => {
  await readySodium();
  keys = sodium.crypto_sign_keypair();
});
afterEach(async () => {
  await t?.close();
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function signed(body: string, privateKey: Uint8Array, timestamp = String(Math.floor(Date.now() / 1000))) {
  const signature = sodium.crypto_sign_detached(Buffer.from(timestamp + body), privateKey);
  return {
    'x-signature-ed25519': hex(signature),
    'x-signature-timestamp': timestamp,
    'content-type': 'application/json',
  };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
  };
}

describe('Discord adapter: HTTP interactions endpoint', () => {
  it('answers a correctly signed PING with PONG', async () => {
    t = await startDiscordTest({ publicKey: hex(keys.publicKey) });
    const body = JSON.stringify({ id: '1', application_id: t.fake.applicationId, type: 1, token: 'x', version: 1 });
    const res = await post(t.adapter.interactionsUrl!, body, signed(body, keys.privateKey));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
  });

  it('rejects an invalid signature with 401 and runs nothing', async () => {
    t = await startDiscordTest({ publicKey: hex(keys.publicKey) });
    const interaction = commandInteraction({
      applicationId: t.fake.applicationId,
      guildId: t.fake.guildId,
      channelId: t.fake.channel('general').id,
      user: fakeUser('mallory'),
      command: 'link',
      subcommand: 'start',
    });
    const body = JSON.stringify(interaction);
    const forger = sodium.crypto_sign_keypair();
    const forged = await post(t.adapter.interactionsUrl!, body, signed(body, forger.privateKey));
    expect(forged.status).toBe(401);
    expect(forged.text).toBe('invalid request signature');

    const tampered = await post(
      t.adapter.interactionsUrl!,
      body.replace('start', 'remove'),
      signed(body, keys.privateKey),
    );
    expect(tampered.status).toBe(401);

    const stale = await post(
      t.adapter.interactionsUrl!,
      body,
      signed(body, keys.privateKey, String(Math.floor(Date.now() / 1000) - 3600)),
    );
    expect(stale.status).toBe(401);

    const unsigned = await post(t.adapter.interactionsUrl!, body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(0);
  });

  it('runs a correctly signed slash command and answers in the HTTP response', async () => {
    t = await startDiscordTest({ publicKey: hex(keys.publicKey) });
    const body = JSON.stringify(
      commandInteraction({
        applicationId: t.fake.applicationId,
        guildId: t.fake.guildId,
        channelId: t.fake.channel('general').id,
        user: fakeUser('bob'),
        command: 'link',
        subcommand: 'start',
      }),
    );
    const res = await post(t.adapter.interactionsUrl!, body, signed(body, keys.privateKey));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.content).toMatch(/Your link code is [2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(1);
  });
});
