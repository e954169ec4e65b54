// /privacy erase: two steps. The first hands the member a one-time confirmation code;
// the second, with that code, asks every feature area to delete what it holds, revokes
// their roles, removes their identity, and destroys their data key (crypto-shredding:
// whatever ciphertext remains anywhere, backups included, can no longer be read).
import { randomInt } from 'node:crypto';
import type { Services } from '../../services.js';
import { badArgument } from '../errors.js';
import type { MemberRecord, Repos } from '../ports.js';
import { audit } from '../relay/env.js';
import type { PrivacyContributor } from './contributor.js';

export const CONFIRMATION_MINUTES = 15;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const settingKey = (memberId: string) => `privacy.erase.${memberId}`;

interface Pending {
  code: string;
  expiresAt: string;
}

export async function requestErasure(repos: Repos, member: MemberRecord, now: Date): Promise<string> {
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const pending: Pending = { code, expiresAt: new Date(now.getTime() + CONFIRMATION_MINUTES * 60_000).toISOString() };
  await repos.settings.set(settingKey(member.id), JSON.stringify(pending));
  return code;
}

/** Throws a clear BAD_ARGUMENT unless the code is the member's current one. */
export async function checkConfirmation(repos: Repos, member: MemberRecord, given: string, now: Date): Promise<void> {
  const raw = await repos.settings.get(settingKey(member.id));
  const pending = raw ? (JSON.parse(raw) as Partial<Pending>) : null;
  const ok =
    pending?.code !== undefined &&
    pending.expiresAt !== undefined &&
    pending.code === given.trim().toUpperCase() &&
    new Date(pending.expiresAt).getTime() > now.getTime();
  if (!ok) {
    throw badArgument(
      'That confirmation code is wrong or has expired, so nothing was erased. Run /privacy erase to get a new code.',
    );
  }
}

export async function eraseMember(
  services: Services,
  repos: Repos,
  contributors: readonly PrivacyContributor[],
  member: MemberRecord,
  now: Date,
): Promise<string[]> {
  for (const contributor of contributors) await contributor.erase(services, repos, member.id, now);
  for (const grant of await repos.grants.unrevokedFor(member.id)) {
    await repos.grants.revoke(grant.id, member.id, 'member erased their data', now);
  }
  await repos.privacy.eraseIdentity(member.id, now);
  await repos.settings.set(settingKey(member.id), '{}');
  await services.keyring.shred(repos.dataKeys, member.id);
  const areas = contributors.map((c) => c.area);
  // The audit entry names the member only by their pseudonymous id.
  await audit(
    { services, repos, now },
    { actorId: member.id, action: 'privacy.erased', subjectId: member.id, detail: { areas } },
  );
  return areas;
}
