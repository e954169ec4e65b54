// npm run manifest:discord — writes manifest/discord-commands.json, the application
// commands generated from the command registry (the body `npm run discord:register`
// uploads). A test fails when the committed file differs from what the registry makes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestText } from '../adapters/discord/application-commands.js';
import { ALL_COMMANDS } from '../src/commands/index.js';
import { Registry } from '../src/commands/registry.js';
import { projectRoot } from '../src/store/migrations.js';

export const DISCORD_MANIFEST = path.join(projectRoot, 'manifest', 'discord-commands.json');

writeFileSync(DISCORD_MANIFEST, manifestText(new Registry(ALL_COMMANDS)));
console.log(`wrote ${path.relative(process.cwd(), DISCORD_MANIFEST)}`);
