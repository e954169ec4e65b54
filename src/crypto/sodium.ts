import sodium from 'libsodium-wrappers';

/** libsodium, initialised. Call once at start-up before any crypto. */
export async function readySodium(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

export { sodium };
