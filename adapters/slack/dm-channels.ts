// The bot's DM channel with each user (conversations.open), remembered: it never changes.
import type { webApi } from '@slack/bolt';

export class DmChannels {
  private readonly byUser = new Map<string, string>();

  async open(client: webApi.WebClient, userId: string): Promise<string> {
    const known = this.byUser.get(userId);
    if (known) return known;
    const result = await client.conversations.open({ users: userId });
    const id = result.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel id');
    this.byUser.set(userId, id);
    return id;
  }
}
