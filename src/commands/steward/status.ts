import { reply } from '../../core/message.js';
import { defineCommand } from '../registry.js';

function formatUptime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const parts = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ] as const;
  const shown = parts.filter(([n], i) => n > 0 || i === parts.length - 1);
  return shown.map(([n, u]) => `${n}${u}`).join(' ');
}

export const status = defineCommand({
  group: 'steward',
  name: 'status',
  description: 'Show version, store, active adapters and uptime',
  args: {},
  permission: 'steward.status',
  async handler(ctx) {
    const { runtime, store } = ctx.services;
    const pending = await ctx.repos.outbox.pendingCount();
    return reply(`Steward ${runtime.version} is running.`, {
      fields: [
        { label: 'Version', value: runtime.version },
        { label: 'Store', value: store.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL' },
        { label: 'Adapters', value: runtime.adapters.join(', ') || 'none' },
        { label: 'Uptime', value: formatUptime(ctx.now.getTime() - runtime.startedAt.getTime()) },
        { label: 'Outbox pending', value: String(pending) },
      ],
    });
  },
});
