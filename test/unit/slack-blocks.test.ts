// Neutral messages as Block Kit: within Slack's limits, nothing cut, verified staff marked
// on every post, buttons carrying their command.
import { describe, expect, it } from 'vitest';
import { renderPosts, SECTION_LIMIT, tableText, VERIFIED_STAFF_LABEL } from '../../adapters/slack/blocks.js';
import { loadConfig } from '../../src/config.js';

const sectionTexts = (posts: ReturnType<typeof renderPosts>) =>
  posts.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('Block Kit rendering', () => {
  it('splits long text into sections of at most 3,000 characters, in order, losing nothing', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Line ${i} ${'word '.repeat(60)}`).join('\n');
    const posts = renderPosts({ text });
    const sections = sectionTexts(posts);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SECTION_LIMIT);
    expect(sections.join('\n').replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('marks every post of a verified-staff message', () => {
    const posts = renderPosts({ text: 'x '.repeat(20_000), verifiedStaff: true });
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) {
      expect(post.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: VERIFIED_STAFF_LABEL }] });
      expect(post.text.startsWith('[Verified staff]')).toBe(true);
      expect(post.blocks.length).toBeLessThanOrEqual(50);
    }
  });

  it('renders fields, a table and buttons', () => {
    const [post] = renderPosts({
      text: 'Request #3',
      fields: [{ label: 'Role', value: 'support' }],
      table: [
        ['Who', 'Role'],
        ['bob', 'support'],
      ],
      actions: [
        { command: 'role approve', args: { request: '3' }, label: 'Approve', style: 'primary' },
        { command: 'role deny', args: { request: '3' }, label: 'Deny', style: 'danger' },
      ],
    });
    const json = JSON.stringify(post!.blocks);
    expect(json).toContain('*Role*\\nsupport');
    expect(json).toContain('```Who  Role');
    const actions = post!.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; style?: string }[];
    };
    expect(actions.elements.map((e) => [e.action_id, e.style])).toEqual([
      ['steward:0', 'primary'],
      ['steward:1', 'danger'],
    ]);
    expect(
      tableText([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\n---  --\nccc  d');
  });
});

describe('SLACK_CHANNELS', () => {
  it('maps logical channel names to Slack channel ids', () => {
    const config = loadConfig({ SLACK_CHANNELS: 'staff=C0123ABC, #Support = G0456DEF' });
    expect(config.SLACK_CHANNELS).toEqual({ staff: 'C0123ABC', support: 'G0456DEF' });
  });

  it('names a malformed entry and how to write it', () => {
    expect(() => loadConfig({ SLACK_CHANNELS: 'staff=#general' })).toThrow(
      /SLACK_CHANNELS: "staff=#general" is not name=ID/,
    );
  });
});
