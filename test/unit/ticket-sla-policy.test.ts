import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_SLA, formatSlaPolicy, parseSlaPolicy } from '../../src/core/tickets/sla-policy.js';

describe('SLA policy', () => {
  it('defaults to urgent 15m/4h, high 1h/8h, normal 4h/3d, low 1d/7d, urgent the tightest', () => {
    expect(formatSlaPolicy(parseSlaPolicy(undefined))).toBe('urgent=15m/4h,high=1h/8h,normal=4h/3d,low=1d/7d');
    expect(DEFAULT_SLA.urgent.firstResponseMs).toBeLessThan(DEFAULT_SLA.high.firstResponseMs);
    expect(DEFAULT_SLA.urgent.resolutionMs).toBeLessThan(DEFAULT_SLA.high.resolutionMs);
  });

  it('overrides only the priorities given', () => {
    const policy = parseSlaPolicy(' urgent = 5m/1h , low=2d/2w');
    expect(formatSlaPolicy(policy)).toBe('urgent=5m/1h,high=1h/8h,normal=4h/3d,low=2d/14d');
  });

  it.each([
    ['urgent=15m', 'should look like urgent=15m/4h'],
    ['critical=1m/1h', '"critical" is not a priority; use urgent, high, normal, low'],
    ['high=1x/8h', 'durations are a number and a unit m, h, d or w'],
    ['high=9h/8h', 'the first-response target cannot be longer than the resolution target'],
  ])('rejects %s', (text, message) => {
    expect(() => parseSlaPolicy(text)).toThrow(message);
  });

  it('is read from STEWARD_SLA, and a bad value stops start-up naming the variable', () => {
    expect(loadConfig({ STEWARD_SLA: 'normal=1h/1d' }).STEWARD_SLA.normal).toEqual({
      firstResponseMs: 3_600_000,
      resolutionMs: 86_400_000,
    });
    expect(() => loadConfig({ STEWARD_SLA: 'normal=soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ STEWARD_SLA: 'normal=soon' })).toThrow(/STEWARD_SLA: "normal=soon" should look like/);
    expect(() => loadConfig({ STEWARD_SLA_WARN_PERCENT: '120' })).toThrow(/STEWARD_SLA_WARN_PERCENT/);
  });
});
