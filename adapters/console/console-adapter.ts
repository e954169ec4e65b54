// The console adapter: use every feature from a terminal, like Hubot's shell or Errbot's
// text backend. Interactive with a prompt, or scripted from stdin (same output).
//
// Input lines:
//   /as <name>       act as that person (created on first use)
//   /in #<channel>   act in that channel (default #general)
//   /<command> ...   a slash command, e.g. /role assign @bob support
//   # ...            a comment (ignored)
//   anything else    a direct message to the bot
// Output lines are labelled with their recipient: [ephemeral to bob], [#staff], [to alice].
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandOutcome } from '../../src/commands/dispatch.js';
import type { Message, Reply } from '../../src/core/message.js';
import type { AccountRef, MemberRecord } from '../../src/core/ports.js';
import type { Deliverer } from '../../src/delivery/deliverer.js';
import type { Steward } from '../../src/steward.js';
import { labelled, renderText } from './render.js';

export const CONSOLE_WORKSPACE = 'local';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt (a terminal); otherwise lines are read as a script. */
  interactive: boolean;
  /** Stop with a non-zero exit at the first command that fails. */
  strict: boolean;
  initialUser?: string;
}

export const consoleAccount = (name: string): AccountRef => ({
  platform: 'console',
  workspaceId: CONSOLE_WORKSPACE,
  userId: name.toLowerCase(),
});

/** `@alice` names a console member; anything else is left to name lookup. */
export const parseConsoleMention = (token: string): AccountRef | null =>
  /^@[\w.-]+$/.test(token) ? consoleAccount(token.slice(1)) : null;

export class ConsoleAdapter implements Deliverer {
  readonly platform = 'console';
  private user: string;
  private channel = 'general';

  constructor(
    private readonly steward: Steward,
    private readonly options: ConsoleOptions,
  ) {
    this.user = options.initialUser ?? 'admin';
    steward.attach(this);
  }

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async toMember(account: AccountRef, _member: MemberRecord, message: Message): Promise<void> {
    this.print(labelled(`to ${account.userId}`, renderText(message)));
  }

  hasChannel(): boolean {
    return true;
  }

  async toChannel(channel: string, message: Message): Promise<void> {
    const thread = message.threadKey ? ` thread ${message.threadKey}` : '';
    this.print(labelled(`#${channel}${thread}`, renderText(message)));
  }

  private printReply(r: Reply): void {
    const label =
      r.visibility === 'channel'
        ? `#${this.channel}`
        : r.visibility === 'dm'
          ? `to ${this.user}`
          : `ephemeral to ${this.user}`;
    this.print(labelled(label, renderText(r)));
  }

  private get invoker() {
    return { account: consoleAccount(this.user), displayName: this.user, parseMention: parseConsoleMention };
  }

  /** Runs one input line; returns false when it failed. */
  async handleLine(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text || text.startsWith('#')) return true;
    let outcome: CommandOutcome | undefined;
    const as = /^\/as(?:\s+@?(\S+))?\s*$/i.exec(text);
    const inChannel = /^\/in(?:\s+#?(\S+))?\s*$/i.exec(text);
    if (as) {
      if (!as[1]) {
        this.print(labelled('console', 'Usage: /as <name>   (switches who you are)'));
        return false;
      }
      this.user = as[1];
      this.print(labelled('console', `You are now ${this.user}.`));
      for (const r of await this.steward.hello(this.invoker)) this.printReply(r);
    } else if (inChannel) {
      if (!inChannel[1]) {
        this.print(labelled('console', 'Usage: /in #<channel>   (switches the channel you are in)'));
        return false;
      }
      this.channel = inChannel[1].toLowerCase();
      this.print(labelled('console', `You are now in #${this.channel}.`));
    } else if (text.startsWith('/')) {
      const [group = '', ...rest] = text.slice(1).split(/\s+/);
      outcome = await this.steward.command({
        ...this.invoker,
        group,
        text: rest.join(' '),
        channel: { platform: 'console', id: this.channel, name: this.channel },
      });
    } else {
      outcome = await this.steward.directMessage({ ...this.invoker, text });
    }
    for (const r of outcome?.replies ?? []) this.printReply(r);
    await this.steward.outbox.drain();
    return outcome?.ok ?? true;
  }

  /** Reads lines until the input ends; resolves with the process exit code. */
  async run(): Promise<number> {
    const { input, interactive, strict } = this.options;
    const rl = createInterface({ input, terminal: interactive, output: interactive ? this.options.output : undefined });
    const prompt = () => {
      if (interactive) {
        rl.setPrompt(`${this.user}@#${this.channel}> `);
        rl.prompt();
      }
    };
    if (interactive) {
      this.print(
        'Steward console. Type /steward help, /as <name> to switch person, /in #channel, or a message to staff. Ctrl-D quits.',
      );
    }
    prompt();
    let lineNo = 0;
    for await (const line of rl) {
      lineNo++;
      const ok = await this.handleLine(line);
      if (!ok && strict) {
        this.print(labelled('console', `Stopped at line ${lineNo} (--strict): that command failed.`));
        rl.close();
        return 1;
      }
      prompt();
    }
    return 0;
  }
}
