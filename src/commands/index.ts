// Every command Steward has. Feature areas export their commands from their own folder
// and add them here; the registry rejects duplicates.
import type { CommandSpec } from './registry.js';
import { help } from './steward/help.js';
import { status } from './steward/status.js';

export const ALL_COMMANDS: CommandSpec[] = [help, status];
