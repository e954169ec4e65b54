import type { CommandSpec } from '../registry.js';
import { relayTranscript, relayWhois } from './archive.js';
import { relayAssign, relayClose, relayList, relayNote, relayReply, relayShow } from './conversations.js';
import { relayBlock, relayQueue, relayReport, relayResolve, relayUnblock } from './moderation.js';

export const RELAY_COMMANDS: CommandSpec[] = [
  relayList,
  relayShow,
  relayReply,
  relayNote,
  relayAssign,
  relayClose,
  relayTranscript,
  relayWhois,
  relayReport,
  relayBlock,
  relayUnblock,
  relayQueue,
  relayResolve,
];
