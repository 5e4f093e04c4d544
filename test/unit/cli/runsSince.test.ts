import { instantFrom } from '../../../cli/commands/runs';

describe('sluice runs --since/--until', () => {
  const now = Date.parse('2026-11-23T12:00:00.000Z');

  it('turns a duration back from now into an ISO instant', () => {
    expect(instantFrom('30m', now)).toBe('2026-11-23T11:30:00.000Z');
    expect(instantFrom('24h', now)).toBe('2026-11-22T12:00:00.000Z');
    expect(instantFrom(' 7d ', now)).toBe('2026-11-16T12:00:00.000Z');
  });

  it('passes anything else through for the API to check', () => {
    expect(instantFrom('2026-11-20T08:00:00+01:00', now)).toBe('2026-11-20T08:00:00+01:00');
    expect(instantFrom('yesterday', now)).toBe('yesterday');
    expect(instantFrom('7w', now)).toBe('7w');
  });
});
