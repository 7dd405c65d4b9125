import { describe, expect, it } from 'vitest';
import {
  decide,
  decideOrganisation,
  decideSystem,
  initialOrganisationState,
  initialSystemState,
  MAX_NAME_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TEXT_LENGTH,
  MAX_URL_LENGTH,
  type Command,
  type ValidationError,
} from './index.js';
import {
  editor,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../test/support/scenario.js';

const state = () => given(smallModelHistory());
const decideOnSmallModel = (command: Record<string, unknown>) =>
  decide(command as Command, state(), editor);

const planMitigation = (ticketUrl: string) => ({
  type: 'PlanMitigation',
  mitigationId: 'm1',
  threatIds: ['threat-1'],
  strategies: ['mitigate'],
  action: 'Use bound parameters',
  ticketUrl,
});

describe('text limits on model commands', () => {
  it('refuses a model name of a million characters, naming the field and the limit', () => {
    const error = expectRefusal(
      decideOnSmallModel({ type: 'RenameThreatModel', name: 'x'.repeat(1_000_000) }),
      'VALIDATION',
      'name',
    );
    expect((error as ValidationError).expected).toBe(`at most ${MAX_NAME_LENGTH} characters`);
  });

  it('accepts a name of exactly the maximum length', () => {
    expectEvents(decideOnSmallModel({ type: 'RenameThreatModel', name: 'x'.repeat(200) }));
  });

  it('refuses a threat title over the limit', () => {
    const error = expectRefusal(
      decideOnSmallModel({
        type: 'IdentifyThreat',
        threatId: 'threat-2',
        title: 't'.repeat(MAX_NAME_LENGTH + 1),
        stride: 'spoofing',
        target: { kind: 'element', id: 'api' },
      }),
      'VALIDATION',
      'title',
    );
    expect((error as ValidationError).expected).toMatch(/at most 200 characters/);
  });

  it('refuses a description over the free-text limit', () => {
    const error = expectRefusal(
      decideOnSmallModel({
        type: 'ChangeZone',
        zoneId: 'zone-core',
        description: 'd'.repeat(MAX_TEXT_LENGTH + 1),
      }),
      'VALIDATION',
      'description',
    );
    expect((error as ValidationError).expected).toBe('at most 10000 characters');
  });

  it('refuses a risk rationale over the free-text limit', () => {
    expectRefusal(
      decideOnSmallModel({
        type: 'AcceptRisk',
        decisionId: 'd1',
        threatId: 'threat-1',
        rationale: 'r'.repeat(MAX_TEXT_LENGTH + 1),
      }),
      'VALIDATION',
      'rationale',
    );
  });

  it('refuses a hundred thousand tags, and a tag longer than its limit', () => {
    const tooMany = expectRefusal(
      decideOnSmallModel({
        type: 'ChangeElement',
        elementId: 'api',
        tags: Array.from({ length: 100_000 }, (_, index) => `t${index}`),
      }),
      'VALIDATION',
      'tags',
    );
    expect((tooMany as ValidationError).expected).toBe(`at most ${MAX_TAGS} item(s)`);
    const tooLong = expectRefusal(
      decideOnSmallModel({
        type: 'ChangeElement',
        elementId: 'api',
        tags: ['ok', 'x'.repeat(MAX_TAG_LENGTH + 1)],
      }),
      'VALIDATION',
      'tags.1',
    );
    expect((tooLong as ValidationError).expected).toBe(`at most ${MAX_TAG_LENGTH} characters`);
  });

  it('refuses a client-chosen id over its limit', () => {
    expectRefusal(
      decideOnSmallModel({
        type: 'AddZone',
        zoneId: 'z'.repeat(201),
        name: 'DMZ',
        trust: 'low',
      }),
      'VALIDATION',
      'zoneId',
    );
  });
});

describe('names that say nothing', () => {
  for (const name of ['', '   ', '\t\n ']) {
    it(`refuses the zone name ${JSON.stringify(name)} like an empty one`, () => {
      expectRefusal(
        decideOnSmallModel({ type: 'AddZone', zoneId: 'dmz', name, trust: 'low' }),
        'VALIDATION',
        'name',
      );
    });
  }

  it('refuses a whitespace-only threat title and attack-tree label', () => {
    expectRefusal(
      decideOnSmallModel({ type: 'ReviseThreat', threatId: 'threat-1', title: '  ' }),
      'VALIDATION',
      'title',
    );
    expectRefusal(
      decideOnSmallModel({
        type: 'CreateAttackTree',
        attackTreeId: 'tree-1',
        threatId: 'threat-1',
        rootNodeId: 'root',
        rootKind: 'or',
        rootLabel: ' ',
      }),
      'VALIDATION',
      'rootLabel',
    );
  });
});

describe('characters that are not text', () => {
  const cases: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['a bell (C0 control)', 'a\u0007b'],
    ['an unpaired high surrogate', 'a\ud800b'],
    ['an unpaired low surrogate', 'a\udc00b'],
  ];
  for (const [what, name] of cases) {
    it(`refuses ${what} in a name, naming the field`, () => {
      const error = expectRefusal(
        decideOnSmallModel({ type: 'AddZone', zoneId: 'dmz', name, trust: 'low' }),
        'VALIDATION',
        'name',
      );
      expect((error as ValidationError).expected).toMatch(/NUL, control characters/);
    });
  }

  it('keeps tabs, line breaks and paired surrogates (emoji) in free text', () => {
    expectEvents(
      decideOnSmallModel({
        type: 'ChangeZone',
        zoneId: 'zone-core',
        name: 'Core 🔒',
        description: 'line one\r\nline two\tindented',
      }),
    );
  });
});

describe('ticket URLs', () => {
  for (const url of [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://tickets.example/1',
  ]) {
    it(`refuses ${url.split(':')[0]}: URLs`, () => {
      const error = expectRefusal(
        decideOnSmallModel(planMitigation(url)),
        'VALIDATION',
        'ticketUrl',
      );
      expect((error as ValidationError).expected).toBe('an http or https URL');
    });
  }

  it('accepts http and https URLs', () => {
    expectEvents(decideOnSmallModel(planMitigation('https://tickets.example/browse/SEC-1')));
    expectEvents(decideOnSmallModel(planMitigation('http://tickets.internal/1')));
  });

  it('refuses a URL over the length limit', () => {
    const error = expectRefusal(
      decideOnSmallModel(planMitigation(`https://t.example/${'a'.repeat(MAX_URL_LENGTH)}`)),
      'VALIDATION',
      'ticketUrl',
    );
    expect((error as ValidationError).expected).toBe(`at most ${MAX_URL_LENGTH} characters`);
  });
});

describe('text limits on tenancy commands', () => {
  const founder = { userId: '00000000-0000-4000-8000-000000000001', email: 'ada@example.test' };
  const context = { actor: founder, now: '2026-11-24T09:00:00.000Z' };

  it('refuses an organisation name of only spaces and one with NUL', () => {
    for (const name of ['   ', 'Acme\u0000']) {
      const decision = decideOrganisation(
        {
          type: 'CreateOrganisation',
          organisationId: '00000000-0000-4000-8000-00000000000a',
          name,
          slug: 'acme',
        },
        initialOrganisationState(),
        context,
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } });
    }
  });

  it('refuses a system name over the limit, naming the field and the limit', () => {
    const decision = decideSystem(
      {
        type: 'RegisterSystem',
        systemId: '00000000-0000-4000-8000-00000000000b',
        ownerOrganisationId: '00000000-0000-4000-8000-00000000000a',
        name: 's'.repeat(MAX_NAME_LENGTH + 1),
        criticalityTier: 2,
      },
      initialSystemState(),
      context,
    );
    expect(decision).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', expected: 'at most 200 characters' },
    });
  });
});
