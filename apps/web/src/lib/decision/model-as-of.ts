import { contentOf, initialState, type ModelContent } from '@threatloom/domain';
import { graphql } from '../api/graphql-client.js';

/** A threat of a model as it was at a past point. */
export interface PastThreat {
  id: string;
  ref: number;
  title: string;
  stride: string;
  status: string;
  score: { method: string; value: number | null; severity: string | null } | null;
  decision: { kind: string; rationale: string | null } | null;
}

/** A model as it was at a past point: where that is, its size, and its threats. */
export interface PastModel {
  name: string;
  point: { position: number; streamVersion: number; recordedAt: string };
  counts: { zones: number; elements: number; flows: number; mitigations: number };
  threats: PastThreat[];
  /** The whole model then (the domain's ModelContent): for the diagram, matrix and checklist. */
  content: ModelContent;
}

const THREATS = `fragment PastThreats on ThreatConnection {
  pageInfo { hasNextPage endCursor }
  edges { node {
    id ref title stride status
    score { method value severity }
    decision { kind rationale }
  } }
}`;

const MORE_THREATS = `query ModelThreatsAsOf($id: ID!, $position: Int!, $after: String) {
  model(id: $id, asOf: { position: $position }) { threats(first: 100, after: $after) { ...PastThreats } }
}
${THREATS}`;

interface ThreatPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: PastThreat }[];
}

const AS_OF = `query ModelAsOf($id: ID!, $position: Int!) {
  model(id: $id, asOf: { position: $position }) {
    name
    asOf { position streamVersion recordedAt }
    zones(first: 1) { totalCount }
    elements(first: 1) { totalCount }
    flows(first: 1) { totalCount }
    mitigations(first: 1) { totalCount }
    threats(first: 100) { ...PastThreats }
    content
  }
}
${THREATS}`;

/** The model replayed to the global position `position`. */
export async function loadModelAsOf(modelId: string, position: number): Promise<PastModel> {
  const answer = await graphql<{
    model: {
      name: string;
      asOf: PastModel['point'];
      zones: { totalCount: number };
      elements: { totalCount: number };
      flows: { totalCount: number };
      mitigations: { totalCount: number };
      threats: ThreatPage;
      content: ModelContent;
    };
  }>(AS_OF, { id: modelId, position });
  const model = answer.model;
  const threats = model.threats.edges.map((edge) => edge.node);
  // A page holds at most 100: the rest of a large register comes a page at a time.
  for (let page = model.threats; page.pageInfo.hasNextPage;) {
    const more = await graphql<{ model: { threats: ThreatPage } }>(MORE_THREATS, {
      id: modelId,
      position,
      after: page.pageInfo.endCursor,
    });
    page = more.model.threats;
    threats.push(...page.edges.map((edge) => edge.node));
  }
  return {
    name: model.name,
    point: model.asOf,
    counts: {
      zones: model.zones.totalCount,
      elements: model.elements.totalCount,
      flows: model.flows.totalCount,
      mitigations: model.mitigations.totalCount,
    },
    threats,
    content: model.content,
  };
}

/** The model's content now. */
export async function loadCurrentContent(modelId: string): Promise<ModelContent> {
  const answer = await graphql<{ model: { content: ModelContent } }>(
    'query ModelContentNow($id: ID!) { model(id: $id) { content } }',
    { id: modelId },
  );
  return answer.model.content;
}

const CONTENT_AS_OF = `query ModelContentAsOf($id: ID!, $position: Int!) {
  model(id: $id, asOf: { position: $position }) { content }
}`;

/**
 * The model's content as of `position`; the empty model for a position before
 * its creation (`isBeforeCreation`), which the API refuses to replay.
 */
export async function loadContentAsOf(
  modelId: string,
  position: number,
  isBeforeCreation: boolean,
): Promise<ModelContent> {
  if (isBeforeCreation) return contentOf(initialState());
  const answer = await graphql<{ model: { content: ModelContent } }>(CONTENT_AS_OF, {
    id: modelId,
    position,
  });
  return answer.model.content;
}

/** The position asked for in the address (`?position=N`), or null when missing or not a position. */
export function positionOf(search: URLSearchParams): number | null {
  const raw = search.get('position');
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

/** The decision positions before and after `position`, to step through them. */
export function neighbours(
  positions: readonly number[],
  position: number,
): { previous: number | null; next: number | null } {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  return {
    previous: sorted.filter((value) => value < position).at(-1) ?? null,
    next: sorted.find((value) => value > position) ?? null,
  };
}
