// Logical channels ("staff", "support", "reports") → Slack channel ids, from
// SLACK_CHANNELS="staff=C0123,support=C0456". The outbox asks `has` before routing a
// channel message here; staff-thread replies are recognised by the staff channel's id.
import type { Config } from '../../src/config.js';

export class SlackChannels {
  private readonly byName: ReadonlyMap<string, string>;

  constructor(
    map: Record<string, string>,
    /** The logical name of the staff inbox (STEWARD_STAFF_CHANNEL). */
    readonly staffName: string,
  ) {
    this.byName = new Map(Object.entries(map).map(([name, id]) => [name.toLowerCase(), id]));
  }

  static fromConfig(config: Config): SlackChannels {
    return new SlackChannels(config.SLACK_CHANNELS, config.STEWARD_STAFF_CHANNEL);
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  idOf(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The logical names Slack can reach, for start-up logs. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The logical name of a mapped Slack channel id. */
  nameOf(channelId: string): string | undefined {
    for (const [name, id] of this.byName) if (id === channelId) return name;
    return undefined;
  }

  isStaffChannel(channelId: string): boolean {
    return this.idOf(this.staffName) === channelId;
  }
}
