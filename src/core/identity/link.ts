// One person, several platform accounts. `/link start` on one account shows a one-time
// code; `/link confirm <code>` from an account on another platform joins the two
// members into one, so roles, tickets, conversations and privacy requests follow the
// person. Codes are random, short-lived, single-use and stored only as a SHA-256 hash.
//
// Merging rule (kept deliberately simple, so it is always correct): the accounts and
// grants of one member move onto the other, and the emptied member is deleted. That is
// safe only when the member being emptied has no data in any feature area (tickets,
// conversations, …), because those rows point at its member id. So the member with
// history is kept; when neither has any, the one who asked for the code is kept; when
// both have history, linking is refused with an explanation.
import { createHash, randomInt } from 'node:crypto';
import { badArgument, conflict, invalidState, notFound } from '../errors.js';
import { newId, newPseudonym } from '../ids.js';
import type { AccountRef, MemberRecord, Repos } from '../ports.js';

export const LINK_CODE_TTL_MS = 10 * 60_000;

// No 0/O or 1/I: codes are read on one screen and typed on another.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** A fresh code like "K7PD-9QXM" (40 random bits). */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Case, spaces and dashes do not matter when typing a code back. */
export const normaliseLinkCode = (input: string) => input.toUpperCase().replace(/[^0-9A-Z]/g, '');

export const hashLinkCode = (code: string) => createHash('sha256').update(normaliseLinkCode(code)).digest('hex');

export async function issueLinkCode(
  repos: Repos,
  member: MemberRecord,
  account: AccountRef,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  // One live code per member: a new /link start replaces the previous one.
  await repos.links.clearCodes(member.id, now);
  const code = newLinkCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await repos.links.saveCode({
    id: newId(),
    codeHash: hashLinkCode(code),
    memberId: member.id,
    platform: account.platform,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

/** Names the feature areas holding data about a member (empty: nothing would be orphaned). */
export type HistoryProbe = (memberId: string) => Promise<string[]>;

export interface LinkResult {
  /** The member both accounts now belong to. */
  kept: MemberRecord;
  /** The member that was emptied and deleted. */
  removed: MemberRecord;
  movedAccounts: AccountRef[];
  /** Platforms the kept member now has accounts on. */
  platforms: string[];
}

const INVALID_CODE =
  'That link code is not valid: it may be mistyped, expired (codes last 10 minutes) or already used. Run /link start again on your other account.';

export async function confirmLinkCode(
  repos: Repos,
  input: { code: string; member: MemberRecord; account: AccountRef; now: Date; historyOf: HistoryProbe },
): Promise<LinkResult> {
  const { member, account, now } = input;
  if (normaliseLinkCode(input.code).length !== CODE_LENGTH) {
    throw badArgument(`\`code\` must be the ${CODE_LENGTH}-character code /link start showed, like K7PD-9QXM.`);
  }
  const record = await repos.links.findCode(hashLinkCode(input.code));
  if (!record || record.usedAt || record.expiresAt <= now) throw notFound(INVALID_CODE);
  if (record.platform === account.platform) {
    throw badArgument(
      `This code was created on ${record.platform}: confirm it from your account on another platform (for example Slack if you created it on Discord).`,
    );
  }
  const issuer = await repos.members.findById(record.memberId);
  if (!issuer || issuer.status === 'erased') throw notFound(INVALID_CODE);
  if (issuer.id === member.id) throw invalidState('These accounts are already linked: they are one member.');

  const issuerAccounts = await repos.members.accounts(issuer.id);
  const confirmerAccounts = await repos.members.accounts(member.id);
  const clash = confirmerAccounts.find((a) => issuerAccounts.some((b) => b.platform === a.platform));
  if (clash) {
    throw conflict(
      `The account that created this code is already linked to a ${clash.platform} account. Unlink that one first with /link remove platform:${clash.platform}.`,
    );
  }

  const [issuerHistory, confirmerHistory] = [await input.historyOf(issuer.id), await input.historyOf(member.id)];
  if (issuerHistory.length > 0 && confirmerHistory.length > 0) {
    throw conflict(
      `Both accounts already have their own history in Steward (${record.platform}: ${issuerHistory.join(', ')}; ${account.platform}: ${confirmerHistory.join(', ')}), and two histories cannot be joined automatically. Keep using the accounts separately, or ask an admin for help.`,
    );
  }
  const keepConfirmer = confirmerHistory.length > 0;
  const kept = keepConfirmer ? member : issuer;
  const removed = keepConfirmer ? issuer : member;
  const moving = keepConfirmer ? issuerAccounts : confirmerAccounts;

  if (!(await repos.links.markUsed(record.id, now))) throw notFound(INVALID_CODE);
  for (const moved of moving) await repos.links.moveAccount(moved, kept.id);
  await repos.links.moveGrants(removed.id, kept.id);
  await revokeDuplicateGrants(repos, kept.id, now);
  await repos.links.deleteMember(removed.id);

  const platforms = [...new Set([...issuerAccounts, ...confirmerAccounts].map((a) => a.platform))].sort();
  return { kept, removed, movedAccounts: moving, platforms };
}

/** After a merge the person may hold a role twice (both had `member`): keep the longest-lasting one. */
async function revokeDuplicateGrants(repos: Repos, memberId: string, now: Date): Promise<void> {
  const grants = await repos.grants.unrevokedFor(memberId);
  const best = new Map<string, (typeof grants)[number]>();
  const lasts = (g: (typeof grants)[number]) => g.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  for (const grant of grants) {
    const key = `${grant.role}@${grant.orgId ?? ''}`;
    const current = best.get(key);
    if (!current) {
      best.set(key, grant);
      continue;
    }
    const [keep, drop] = lasts(grant) > lasts(current) ? [grant, current] : [current, grant];
    best.set(key, keep);
    await repos.grants.revoke(drop.id, null, 'duplicate after linking accounts', now);
  }
}

/** Splits one account off its member into a new member of its own; roles and history stay. */
export async function unlinkAccount(
  repos: Repos,
  input: { member: MemberRecord; target: AccountRef; now: Date },
): Promise<MemberRecord> {
  const { member, target, now } = input;
  const accounts = await repos.members.accounts(member.id);
  if (accounts.length < 2) {
    throw invalidState(
      `Your ${target.platform} account is not linked to any other account: there is nothing to unlink.`,
    );
  }
  const owned = accounts.some(
    (a) => a.platform === target.platform && a.workspaceId === target.workspaceId && a.userId === target.userId,
  );
  if (!owned) throw notFound(`You have no linked ${target.platform} account.`);
  let pseudonym = newPseudonym();
  for (let i = 0; i < 20 && (await repos.members.findByName(pseudonym)).length > 0; i++) pseudonym = newPseudonym();
  const detached = await repos.links.detachAccount(target, {
    id: newId(),
    displayName: member.displayName,
    pseudonym,
    now,
  });
  await repos.grants.create({
    id: newId(),
    memberId: detached.id,
    role: 'member',
    orgId: null,
    grantedById: null,
    reason: 'unlinked account',
    createdAt: now,
    expiresAt: null,
  });
  return detached;
}
