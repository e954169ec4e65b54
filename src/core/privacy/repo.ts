// What erasure needs from storage beyond each area's own repository: the identity
// itself (implemented in src/store/repos/privacy.ts).

export interface PrivacyRepo {
  /**
   * Removes what identifies the member: their display name (replaced by the pseudonym),
   * every platform account link, and messages still waiting to be delivered to them.
   * The member row stays, status "erased", so audit entries keep a pseudonymous id.
   */
  eraseIdentity(memberId: string, now: Date): Promise<void>;
}
