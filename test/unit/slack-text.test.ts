// Slack's text conventions: mentions become accounts, entities and links are unwrapped
// for the core, and neutral text is escaped so it cannot turn into Slack markup.
import { describe, expect, it } from 'vitest';
import { decodeActionValue, encodeActionValue } from '../../adapters/slack/action-values.js';
import {
  commandTextFromSlack,
  escapeMrkdwn,
  plainTextFromSlack,
  slackMentionParser,
} from '../../adapters/slack/mentions.js';
import { subjectCommand, threadCommand } from '../../adapters/slack/thread-replies.js';
import { arg } from '../../src/commands/args.js';
import { defineCommand, Registry } from '../../src/commands/registry.js';
import { reply } from '../../src/core/message.js';

describe('Slack mentions and text', () => {
  const parse = slackMentionParser('T0001');

  it('turns <@U…|name> and <@U…> into that workspace’s Slack account, and nothing else', () => {
    expect(parse('<@U2147483697|steve>')).toEqual({ platform: 'slack', workspaceId: 'T0001', userId: 'U2147483697' });
    expect(parse('<@W0ENTERPR>')).toEqual({ platform: 'slack', workspaceId: 'T0001', userId: 'W0ENTERPR' });
    expect(parse('@steve')).toBeNull();
    expect(parse('<#C0123|general>')).toBeNull();
    expect(parse('U2147483697')).toBeNull();
  });

  it('hands the core command text with entities decoded, links unwrapped and mentions kept', () => {
    expect(commandTextFromSlack('assign <@U1|bob> support reason:"a &amp; b &lt;3"')).toBe(
      'assign <@U1> support reason:"a & b <3"',
    );
    expect(commandTextFromSlack('open Broken <https://intranet.example/x|link> in <#C9|support>')).toBe(
      'open Broken https://intranet.example/x in #support',
    );
  });

  it('makes relayed message text plain for people on other platforms', () => {
    expect(plainTextFromSlack('See <https://x.example|the guide> &amp; ask <@U1|bob> &lt;now&gt;')).toBe(
      'See the guide (https://x.example) & ask @bob <now>',
    );
    expect(plainTextFromSlack('<https://x.example>')).toBe('https://x.example');
  });

  it('escapes &, < and > for mrkdwn but leaves *bold* and `code` alone', () => {
    expect(escapeMrkdwn('*/role* <member> & `x`')).toBe('*/role* &lt;member&gt; &amp; `x`');
  });
});

describe('Slack button values', () => {
  it('round-trips a neutral action into a typed command', () => {
    const value = encodeActionValue({ command: 'role approve', args: { request: '12' }, label: 'Approve' });
    expect(decodeActionValue(value)).toEqual({ group: 'role', subcommand: 'approve', args: { request: '12' } });
    expect(decodeActionValue(encodeActionValue({ command: 'verify', args: { member: 'x' }, label: 'V' }))).toEqual({
      group: 'verify',
      subcommand: '',
      args: { member: 'x' },
    });
  });

  it('rejects values that are not Steward’s', () => {
    for (const v of [undefined, '', 'click_me_123', '{"c":1}', '[]', '{"c":"","a":{}}'])
      expect(decodeActionValue(v)).toBeNull();
  });
});

describe('thread replies', () => {
  const shaped = defineCommand({
    group: 'relay',
    name: 'reply',
    description: 'r',
    args: {
      conversation: arg.string('c'),
      sign: arg.choice('s', ['name', 'staff'], { optional: true }),
      text: arg.text('t'),
    },
    permission: 'steward.help',
    handler: async () => reply('ok'),
  });
  const comment = defineCommand({
    group: 'ticket',
    name: 'comment',
    description: 'c',
    args: { id: arg.string('t'), text: arg.text('t') },
    permission: 'steward.help',
    handler: async () => reply('ok'),
  });
  const registry = new Registry([shaped, comment]);

  it('passes the text verbatim by argument name when the command has that shape', () => {
    expect(subjectCommand(shaped, 'relay', 'reply', 'C-12', 'He said "hi"')).toEqual({
      group: 'relay',
      subcommand: 'reply',
      options: { conversation: 'C-12', text: 'He said "hi"' },
    });
  });

  it('falls back to command text otherwise', () => {
    expect(subjectCommand(undefined, 'relay', 'reply', 'C-12', 'hello')).toEqual({
      group: 'relay',
      text: 'reply C-12 hello',
    });
  });

  it('routes conversation threads (staff channel only) and ticket threads, and nothing else', () => {
    expect(threadCommand(registry, 'C-3', 'hi', true)?.group).toBe('relay');
    expect(threadCommand(registry, 'C-3', 'hi', false)).toBeNull();
    expect(threadCommand(registry, 'it:T-7', 'on it', false)).toEqual({
      group: 'ticket',
      subcommand: 'comment',
      options: { id: 'T-7', text: 'on it' },
    });
    expect(threadCommand(registry, 'Q-1', 'x', true)).toBeNull();
  });
});
