// Helpers for the access-governance tests: look members and grants up by name, run a
// command as someone and get the structured outcome, and record published domain events.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import type { CommandOutcome } from '../../src/commands/dispatch.js';
import type { DomainEvent } from '../../src/core/events.js';
import type { AuditFilter, AuditRecord, GrantRecord, MemberRecord, Repos } from '../../src/core/ports.js';
import type { TestSteward } from './test-steward.js';

export const DAY = 86_400_000;

export const reposOf = (bot: TestSteward): Repos => bot.steward.services.store.repos;

export async function member(bot: TestSteward, name: string): Promise<MemberRecord> {
  const [found] = await reposOf(bot).members.findByName(name);
  if (!found) throw new Error(`test setup: no member ${name}`);
  return found;
}

/** Unrevoked grants as "role@scope", sorted. */
export async function rolesOf(bot: TestSteward, name: string): Promise<string[]> {
  const grants = await reposOf(bot).grants.unrevokedFor((await member(bot, name)).id);
  return grants.map((g) => `${g.role}@${g.orgId ?? 'global'}`).sort();
}

export async function grantsOf(bot: TestSteward, name: string): Promise<GrantRecord[]> {
  return reposOf(bot).grants.unrevokedFor((await member(bot, name)).id);
}

export async function auditEntries(bot: TestSteward, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  return reposOf(bot).audit.query(filter, 10_000);
}

/** Runs one command as `name` and returns the outcome with its structured replies. */
export async function runAs(bot: TestSteward, name: string, line: string): Promise<CommandOutcome> {
  const [group = '', ...rest] = line.replace(/^\//, '').split(/\s+/);
  const outcome = await bot.steward.command({
    account: consoleAccount(name),
    displayName: name,
    parseMention: parseConsoleMention,
    group,
    text: rest.join(' '),
    channel: { platform: 'console', id: 'general', name: 'general' },
  });
  await bot.steward.outbox.drain();
  return outcome;
}

/** Records every domain event published from now on (handlers still run). */
export function captureEvents(bot: TestSteward): DomainEvent[] {
  const events: DomainEvent[] = [];
  const services = bot.steward.services;
  const original = services.emit.bind(services);
  services.emit = async (repos, now, event) => {
    events.push(event);
    await original(repos, now, event);
  };
  return events;
}

/** A configuration file in a temporary directory. */
export function configFile(name: string, content: string): string {
  const file = path.join(os.tmpdir(), `steward-access-${process.pid}-${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(file, content);
  return file;
}

/** Counts that must not move when a command is refused. */
export async function stateCounts(bot: TestSteward) {
  const r = reposOf(bot);
  const members = await r.members.count();
  const grants = (await r.reviews.activeGrants()).length;
  const requests = (await r.roleRequests.pending()).length;
  const audit = (await r.audit.head())?.seq ?? 0;
  return { members, grants, requests, audit };
}
