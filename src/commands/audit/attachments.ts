// Attachments built from text that arrives in blocks (an access review's CSV and JSON run
// to tens of megabytes): encoded block by block, so neither the whole text nor its bytes
// are ever held next to the base64.
import type { Attachment } from '../../core/message.js';

/** Base64 of the UTF-8 bytes of the blocks joined (each block a whole string: no split characters). */
export function base64OfBlocks(blocks: Iterable<string>): string {
  let out = '';
  let carry = Buffer.alloc(0);
  for (const block of blocks) {
    const bytes = Buffer.concat([carry, Buffer.from(block, 'utf8')]);
    // Three bytes make four characters: encode whole triples, carry the rest to the next block.
    const whole = bytes.length - (bytes.length % 3);
    out += bytes.toString('base64', 0, whole);
    carry = bytes.subarray(whole);
  }
  return out + carry.toString('base64');
}

export const attachBlocks = (filename: string, contentType: string, blocks: Iterable<string>): Attachment => ({
  filename,
  contentType,
  data: base64OfBlocks(blocks),
});
