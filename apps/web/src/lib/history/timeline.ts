import { graphql } from '../api/graphql-client.js';

/** One stored event of a model, as the timeline needs it. */
export interface HistoryEvent {
  position: number;
  streamVersion: number;
  type: string;
  actor: string;
  organisation: string;
  recordedAt: string;
}

/** Consecutive events of one actor, for one organisation, within one minute. */
export interface TimelineGroup {
  /** Stable key: the position of its first event. */
  key: string;
  actor: string;
  organisation: string;
  /** The minute, as the first 16 characters of an ISO 8601 time (UTC). */
  minute: string;
  firstPosition: number;
  lastPosition: number;
  /** Time of its last event. */
  lastRecordedAt: string;
  count: number;
  /** What happened, by event type, in order of first appearance. */
  kinds: { type: string; count: number }[];
}

/** Groups events (oldest first) by actor, organisation and minute, keeping their order. */
export function groupTimeline(events: readonly HistoryEvent[]): TimelineGroup[] {
  const groups: TimelineGroup[] = [];
  for (const event of events) {
    const minute = event.recordedAt.slice(0, 16);
    const last = groups.at(-1);
    if (
      last !== undefined &&
      last.actor === event.actor &&
      last.organisation === event.organisation &&
      last.minute === minute
    ) {
      last.lastPosition = event.position;
      last.lastRecordedAt = event.recordedAt;
      last.count += 1;
      const kind = last.kinds.find((candidate) => candidate.type === event.type);
      if (kind) kind.count += 1;
      else last.kinds.push({ type: event.type, count: 1 });
      continue;
    }
    groups.push({
      key: String(event.position),
      actor: event.actor,
      organisation: event.organisation,
      minute,
      firstPosition: event.position,
      lastPosition: event.position,
      lastRecordedAt: event.recordedAt,
      count: 1,
      kinds: [{ type: event.type, count: 1 }],
    });
  }
  return groups;
}

/** An event type in words: `ThreatScored` reads "Threat scored". */
export function eventTypeLabel(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a group did, in words: "Threat scored ×3, Element added". */
export function groupSummary(group: Pick<TimelineGroup, 'kinds'>): string {
  return group.kinds
    .map((kind) => `${eventTypeLabel(kind.type)}${kind.count > 1 ? ` ×${kind.count}` : ''}`)
    .join(', ');
}

/** The group holding `position`: the last group that starts at or before it. */
export function groupAt(groups: readonly TimelineGroup[], position: number): TimelineGroup | null {
  let found: TimelineGroup | null = null;
  for (const group of groups) {
    if (group.firstPosition > position) break;
    found = group;
  }
  return found;
}

const PAGE = `query ModelTimeline($modelId: ID!, $after: String) {
  modelHistory(modelId: $modelId, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { position streamVersion type actor organisation recordedAt } }
  }
}`;

/** Events of the model loaded so far, and whether there are more. */
export interface TimelinePage {
  events: HistoryEvent[];
  totalCount: number;
  endCursor: string | null;
  hasMore: boolean;
}

/** Pages read at once before the page offers "show more" (100 events each). */
export const TIMELINE_PAGES_AT_ONCE = 10;

/** Up to TIMELINE_PAGES_AT_ONCE pages of the model's events, oldest first, after `after`. */
export async function loadTimeline(modelId: string, after: string | null): Promise<TimelinePage> {
  const events: HistoryEvent[] = [];
  let cursor = after;
  let totalCount = 0;
  let hasMore = true;
  for (let page = 0; page < TIMELINE_PAGES_AT_ONCE && hasMore; page += 1) {
    const answer = await graphql<{
      modelHistory: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: HistoryEvent }[];
      };
    }>(PAGE, { modelId, after: cursor });
    const history = answer.modelHistory;
    totalCount = history.totalCount;
    events.push(...history.edges.map((edge) => edge.node));
    hasMore = history.pageInfo.hasNextPage;
    cursor = history.pageInfo.endCursor ?? cursor;
  }
  return { events, totalCount, endCursor: cursor, hasMore };
}
