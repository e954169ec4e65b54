// Buttons whose command needs something only the clicker can say (Resolve needs a note,
// Reply needs the text) open a modal asking for exactly those arguments; submitting it
// runs the command as the person who submitted. The core validates and decides as usual.
import type { App, types } from '@slack/bolt';
import type { ArgSpec } from '../../src/commands/args.js';
import { type CommandSpec, commandPath } from '../../src/commands/registry.js';
import type { ButtonCommand } from './action-values.js';
import { viewEventId } from './event-ids.js';
import type { ReplyTarget } from './replies.js';
import { type SlackRuntime, safely } from './runtime.js';

export const ARGS_MODAL_CALLBACK = 'steward:args';
const INPUT_ACTION = 'value';
const MAX_TITLE = 24;
const MAX_LABEL = 2000;

interface ModalMetadata {
  /** The command and the arguments the button already had. */
  c: string;
  a: Record<string, string>;
  /** Where the button was, for the reply. */
  ch?: string;
}

/** Required arguments the button does not supply: what the modal must ask for. */
export function missingArgs(spec: CommandSpec, given: Record<string, string>): [string, ArgSpec][] {
  return Object.entries(spec.args).filter(([name, a]) => a.required && !(name in given));
}

export function argsModal(spec: CommandSpec, button: ButtonCommand, channelId: string | undefined): types.ModalView {
  const path = commandPath(spec);
  const title = path.length > MAX_TITLE ? `${path.slice(0, MAX_TITLE - 1)}…` : path;
  const metadata: ModalMetadata = { c: path, a: button.args, ...(channelId ? { ch: channelId } : {}) };
  const given = Object.entries(button.args)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return {
    type: 'modal',
    callback_id: ARGS_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: title.replace(/^./, (c) => c.toUpperCase()) },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `/${path}${given ? ` (${given})` : ''}` }] },
      ...missingArgs(spec, button.args).map(([name, a]) => ({
        type: 'input' as const,
        block_id: `arg:${name}`,
        label: { type: 'plain_text' as const, text: (a.description || name).slice(0, MAX_LABEL) },
        element: {
          type: 'plain_text_input' as const,
          action_id: INPUT_ACTION,
          multiline: a.kind === 'text',
          ...(a.kind === 'text' ? { max_length: 3000 } : {}),
        },
      })),
    ],
  };
}

function parseMetadata(raw: string): ModalMetadata | null {
  try {
    const m = JSON.parse(raw) as ModalMetadata;
    return typeof m.c === 'string' && typeof m.a === 'object' && m.a !== null ? m : null;
  } catch {
    return null;
  }
}

export function registerModals(app: App, rt: SlackRuntime): void {
  app.view(ARGS_MODAL_CALLBACK, async ({ ack, body, view }) => {
    await ack();
    await safely(rt.logger, 'modal submission', async () => {
      const meta = parseMetadata(view.private_metadata);
      if (!meta) return;
      const values: Record<string, string> = { ...meta.a };
      for (const [blockId, inputs] of Object.entries(view.state.values)) {
        const value = inputs[INPUT_ACTION]?.value;
        if (blockId.startsWith('arg:') && typeof value === 'string') values[blockId.slice(4)] = value;
      }
      const [group = '', ...rest] = meta.c.split(' ');
      const invoker = await rt.directory.invoker(
        body.team?.id ?? body.user.team_id ?? '',
        body.user.id,
        body.user.name,
      );
      const outcome = await rt.steward.command({
        ...invoker,
        group,
        subcommand: rest.join(' '),
        options: values,
        channel: meta.ch ? { platform: 'slack', id: meta.ch, name: rt.channels.nameOf(meta.ch) ?? meta.ch } : null,
        eventId: viewEventId(view.id),
      });
      if (outcome.duplicate) return;
      const target: ReplyTarget = {
        userId: body.user.id,
        channelId: meta.ch,
        isDirectMessage: meta.ch?.startsWith('D'),
      };
      await rt.replies.send(target, outcome.replies);
    });
  });
}
