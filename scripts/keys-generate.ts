// npm run keys:generate — prints a new random master key (base64 of 32 bytes) for
// STEWARD_MASTER_KEY. Nothing is written anywhere.
import { generateMasterKeyBase64 } from '../src/crypto/master-key.js';
import { readySodium } from '../src/crypto/sodium.js';

await readySodium();
console.log(generateMasterKeyBase64());
