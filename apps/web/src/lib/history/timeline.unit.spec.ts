import { describe, expect, it } from 'vitest';
import {
  eventTypeLabel,
  groupAt,
  groupSummary,
  groupTimeline,
  type HistoryEvent,
} from './timeline.js';

const event = (
  position: number,
  actor: string,
  recordedAt: string,
  type = 'ThreatScored',
  organisation = 'org-a',
): HistoryEvent => ({
  position,
  streamVersion: position - 100,
  type,
  actor,
  organisation,
  recordedAt,
});

describe('the history timeline', () => {
  it('groups consecutive events of one actor and organisation within a minute', () => {
    const groups = groupTimeline([
      event(101, 'alice', '2026-12-01T09:30:05.000Z', 'ThreatIdentified'),
      event(102, 'alice', '2026-12-01T09:30:40.000Z'),
      event(103, 'alice', '2026-12-01T09:30:59.999Z'),
      event(104, 'alice', '2026-12-01T09:31:00.000Z'),
      event(105, 'bob', '2026-12-01T09:31:10.000Z'),
      event(106, 'bob', '2026-12-01T09:31:20.000Z', 'ThreatScored', 'org-b'),
      event(107, 'alice', '2026-12-01T09:31:30.000Z'),
    ]);
    expect(
      groups.map((group) => [group.actor, group.minute, group.firstPosition, group.lastPosition]),
    ).toEqual([
      ['alice', '2026-12-01T09:30', 101, 103],
      ['alice', '2026-12-01T09:31', 104, 104],
      ['bob', '2026-12-01T09:31', 105, 105],
      ['bob', '2026-12-01T09:31', 106, 106],
      ['alice', '2026-12-01T09:31', 107, 107],
    ]);
    expect(groups[0]!.kinds).toEqual([
      { type: 'ThreatIdentified', count: 1 },
      { type: 'ThreatScored', count: 2 },
    ]);
    expect(groupSummary(groups[0]!)).toBe('Threat identified, Threat scored ×2');
    expect(groups[0]!.count).toBe(3);
    expect(groups[0]!.lastRecordedAt).toBe('2026-12-01T09:30:59.999Z');
  });

  it('has no groups without events', () => {
    expect(groupTimeline([])).toEqual([]);
  });

  it('finds the group a position falls in', () => {
    const groups = groupTimeline([
      event(101, 'alice', '2026-12-01T09:30:05.000Z'),
      event(102, 'alice', '2026-12-01T09:30:06.000Z'),
      event(150, 'bob', '2026-12-01T09:40:00.000Z'),
    ]);
    expect(groupAt(groups, 100)).toBeNull();
    expect(groupAt(groups, 102)?.firstPosition).toBe(101);
    expect(groupAt(groups, 120)?.firstPosition).toBe(101);
    expect(groupAt(groups, 150)?.firstPosition).toBe(150);
    expect(groupAt(groups, 9999)?.firstPosition).toBe(150);
  });

  it('words event types', () => {
    expect(eventTypeLabel('ThreatScored')).toBe('Threat scored');
    expect(eventTypeLabel('ThreatModelCreated')).toBe('Threat model created');
    expect(eventTypeLabel('RiskAccepted')).toBe('Risk accepted');
  });
});
