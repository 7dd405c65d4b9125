import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, eventually, type ModelOwner } from './support/model-owner.js';
import { typedModelClient, type Outcome } from './support/typed-model-client.js';

const databases = await testBackends();

describe.each(databases)(
  'typed mutations on threats, mitigations, decisions, attack trees, versions and settings on $name',
  ({ isAvailable, create }) => {
    let server: ApiServer;
    let owner: ModelOwner;
    let modelId: string;

    const { streamVersion, send, accepted, refused, listed } = typedModelClient(() => ({
      server,
      owner,
      modelId,
    }));

    const critical = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const low = 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N';

    beforeAll(async () => {
      if (!isAvailable) return;
      server = await startApiServer(await create());
      owner = await createModelOwner(server);
      modelId = await owner.createThreatModel('Lab results');
      await accepted('addZone', { zoneId: 'dmz', name: 'DMZ', trust: 'low' }, ['ZoneAdded']);
      for (const elementId of ['web', 'api']) {
        await accepted(
          'addElement',
          { elementId, kind: 'process', name: elementId, zoneId: 'dmz' },
          ['ElementAdded'],
        );
      }
      await accepted(
        'addFlow',
        { flowId: 'call', name: 'Call', sourceId: 'web', destinationId: 'api' },
        ['FlowAdded'],
      );
      await accepted(
        'identifyThreat',
        {
          threatId: 'spoofing',
          title: 'Spoofed login',
          stride: 'spoofing',
          target: { kind: 'element', id: 'web' },
        },
        ['ThreatIdentified'],
      );
      await accepted('scoreThreat', { threatId: 'spoofing', method: 'cvss', vector: critical }, [
        'ThreatScored',
      ]);
      await accepted(
        'identifyThreat',
        {
          threatId: 'leak',
          title: 'Verbose errors',
          stride: 'information_disclosure',
          target: { kind: 'element', id: 'api' },
        },
        ['ThreatIdentified'],
      );
      await accepted('scoreThreat', { threatId: 'leak', method: 'cvss', vector: low }, [
        'ThreatScored',
      ]);
    });

    afterAll(async () => {
      await server?.close();
    });

    describe('threats', () => {
      it.skipIf(!isAvailable)(
        'revises, retargets, changes the status of and removes threats, and model.threats follows',
        async () => {
          await accepted(
            'identifyThreat',
            {
              threatId: 'dos',
              title: 'Flooded API',
              stride: 'denial_of_service',
              target: { kind: 'element', id: 'api' },
            },
            ['ThreatIdentified'],
          );
          await accepted(
            'reviseThreat',
            { threatId: 'dos', title: 'Flooded call', linddun: 'detecting' },
            ['ThreatRevised'],
          );
          await accepted(
            'retargetThreat',
            { threatId: 'dos', target: { kind: 'flow', id: 'call' } },
            ['ThreatRetargeted'],
          );
          await accepted('changeThreatStatus', { threatId: 'dos', status: 'in_progress' }, [
            'ThreatStatusChanged',
          ]);
          await eventually(async () => {
            const threats = await listed<{ id: string; title: string; status: string }>(
              'threats',
              '{ id title status }',
            );
            expect(threats.find((threat) => threat.id === 'dos')).toEqual({
              id: 'dos',
              title: 'Flooded call',
              status: 'in_progress',
            });
          });
          await accepted('removeThreat', { threatId: 'dos' }, ['ThreatRemoved']);
          await eventually(async () => {
            const threats = await listed<{ id: string }>('threats', '{ id }');
            expect(threats.map((threat) => threat.id).sort()).toEqual(['leak', 'spoofing']);
          });
        },
      );

      it.skipIf(!isAvailable)('declares and withdraws "no threats" for a zone', async () => {
        await accepted(
          'declareNoThreats',
          { targetKind: 'zone', targetId: 'dmz', reason: 'only a boundary' },
          ['NoThreatsDeclared'],
        );
        await accepted('withdrawNoThreats', { targetKind: 'zone', targetId: 'dmz' }, [
          'NoThreatsWithdrawn',
        ]);
      });

      it.skipIf(!isAvailable)(
        'refuses a status the domain reserves for risk decisions, naming input.status',
        async () => {
          await refused(
            'changeThreatStatus',
            { threatId: 'leak', status: 'accepted' },
            'input.status',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a score field of another method, naming it under input.',
        async () => {
          await refused(
            'scoreThreat',
            { threatId: 'leak', method: 'stated', vector: low, statedSeverity: 'low' },
            'input.vector',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a matrix score without a likelihood, naming input.likelihood',
        async () => {
          await refused(
            'scoreThreat',
            { threatId: 'leak', method: 'matrix', impact: 'high' },
            'input.likelihood',
          );
        },
      );
    });

    describe('mitigations', () => {
      it.skipIf(!isAvailable)(
        'plans mitigations with effectiveness as a number and as a named level, revises, links and lists them',
        async () => {
          await accepted(
            'planMitigation',
            {
              mitigationId: 'mfa',
              threatIds: ['spoofing'],
              strategies: ['mitigate'],
              action: 'Require MFA',
              owner: 'identity team',
              dueDate: '2030-03-01',
              effectiveness: 0.8,
              residualRisk: { severity: 'low' },
            },
            ['MitigationPlanned'],
          );
          await accepted(
            'planMitigation',
            {
              mitigationId: 'errors',
              threatIds: ['leak'],
              strategies: ['eliminate'],
              action: 'Generic error pages',
              status: 'planned',
              effectivenessLevel: 'high',
            },
            ['MitigationPlanned'],
          );
          await accepted(
            'reviseMitigation',
            { mitigationId: 'mfa', owner: null, ticketUrl: 'https://tracker.example.test/1' },
            ['MitigationRevised'],
          );
          await accepted(
            'changeMitigationStatus',
            { mitigationId: 'errors', status: 'implemented' },
            ['MitigationStatusChanged'],
          );
          await accepted('linkMitigation', { mitigationId: 'errors', threatId: 'spoofing' }, [
            'MitigationLinked',
          ]);
          await accepted('unlinkMitigation', { mitigationId: 'errors', threatId: 'spoofing' }, [
            'MitigationUnlinked',
          ]);
          expect(
            await listed(
              'mitigations',
              '{ id threats { id ref title } strategies owner status dueDate ticketUrl effectiveness effectivenessLevel residualRisk { score severity } }',
            ),
          ).toEqual([
            {
              id: 'errors',
              threats: [{ id: 'leak', ref: 2, title: 'Verbose errors' }],
              strategies: ['eliminate'],
              owner: null,
              status: 'implemented',
              dueDate: null,
              ticketUrl: null,
              effectiveness: null,
              effectivenessLevel: 'high',
              residualRisk: null,
            },
            {
              id: 'mfa',
              threats: [{ id: 'spoofing', ref: 1, title: 'Spoofed login' }],
              strategies: ['mitigate'],
              owner: null,
              status: 'proposed',
              dueDate: '2030-03-01',
              ticketUrl: 'https://tracker.example.test/1',
              effectiveness: 0.8,
              effectivenessLevel: null,
              residualRisk: { score: null, severity: 'low' },
            },
          ]);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses effectiveness given both as a number and as a level, naming input.effectivenessLevel',
        async () => {
          await refused(
            'planMitigation',
            {
              mitigationId: 'both',
              threatIds: ['leak'],
              strategies: ['mitigate'],
              action: 'Both',
              effectiveness: 0.5,
              effectivenessLevel: 'medium',
            },
            'input.effectivenessLevel',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'refuses an effectiveness above 1, naming input.effectiveness',
        async () => {
          await refused(
            'reviseMitigation',
            { mitigationId: 'mfa', effectiveness: 1.5 },
            'input.effectiveness',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a mitigation of no threat, naming input.threatIds',
        async () => {
          await refused(
            'planMitigation',
            { mitigationId: 'none', threatIds: [], strategies: ['mitigate'], action: 'Nothing' },
            'input.threatIds',
          );
        },
      );
    });

    describe('risk decisions', () => {
      it.skipIf(!isAvailable)(
        'refuses to accept a risk above the approval threshold without a rationale, naming input.rationale',
        async () => {
          await refused(
            'acceptRisk',
            { decisionId: 'accept-critical', threatId: 'spoofing' },
            'input.rationale',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'accepts, revokes and transfers a risk below the threshold, and model.riskDecisions lists them',
        async () => {
          await accepted(
            'acceptRisk',
            { decisionId: 'accept-leak', threatId: 'leak', rationale: 'physical access only' },
            ['RiskAccepted'],
          );
          await accepted(
            'revokeRiskDecision',
            { decisionId: 'accept-leak', reason: 'auditors disagree' },
            ['RiskDecisionRevoked'],
          );
          await accepted(
            'transferRisk',
            {
              decisionId: 'transfer-leak',
              threatId: 'leak',
              rationale: 'the hosting contract covers it',
              transferredTo: 'Hosting provider',
            },
            ['RiskTransferred'],
          );
          const decisions = await listed<Record<string, unknown>>(
            'riskDecisions',
            '{ id kind threatId rationale transferredTo approvedBy revoked { reason } }',
          );
          expect(decisions).toEqual([
            {
              id: 'accept-leak',
              kind: 'accept',
              threatId: 'leak',
              rationale: 'physical access only',
              transferredTo: null,
              approvedBy: null,
              revoked: { reason: 'auditors disagree' },
            },
            {
              id: 'transfer-leak',
              kind: 'transfer',
              threatId: 'leak',
              rationale: 'the hosting contract covers it',
              transferredTo: 'Hosting provider',
              approvedBy: null,
              revoked: null,
            },
          ]);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a transfer to nobody, naming input.transferredTo',
        async () => {
          await refused(
            'transferRisk',
            {
              decisionId: 'transfer-nobody',
              threatId: 'spoofing',
              rationale: 'r',
              transferredTo: '  ',
            },
            'input.transferredTo',
          );
        },
      );
    });

    describe('attack trees', () => {
      it.skipIf(!isAvailable)(
        'builds an attack tree whose AND/OR nodes compute their feasibility from the leaves',
        async () => {
          await accepted(
            'createAttackTree',
            {
              attackTreeId: 'takeover',
              threatId: 'spoofing',
              rootNodeId: 'goal',
              rootKind: 'or',
              rootLabel: 'Log in as a patient',
            },
            ['AttackTreeCreated'],
          );
          await accepted(
            'addAttackTreeNode',
            {
              attackTreeId: 'takeover',
              nodeId: 'phish',
              parentNodeId: 'goal',
              kind: 'and',
              label: 'Phish and bypass MFA',
            },
            ['AttackTreeNodeAdded'],
          );
          for (const [nodeId, feasibility] of [
            ['mail', 'high'],
            ['mfa', 'low'],
          ] as const) {
            await accepted(
              'addAttackTreeNode',
              {
                attackTreeId: 'takeover',
                nodeId,
                parentNodeId: 'phish',
                kind: 'leaf',
                label: nodeId,
                feasibility,
              },
              ['AttackTreeNodeAdded'],
            );
          }
          await accepted(
            'addAttackTreeNode',
            {
              attackTreeId: 'takeover',
              nodeId: 'guess',
              parentNodeId: 'goal',
              kind: 'leaf',
              label: 'Guess a password',
              feasibility: 'very_low',
            },
            ['AttackTreeNodeAdded'],
          );
          await accepted(
            'addAttackTreeNode',
            {
              attackTreeId: 'takeover',
              nodeId: 'bribe',
              parentNodeId: 'goal',
              kind: 'leaf',
              label: 'Bribe support',
              feasibility: 'very_high',
            },
            ['AttackTreeNodeAdded'],
          );
          await accepted('removeAttackTreeNode', { attackTreeId: 'takeover', nodeId: 'bribe' }, [
            'AttackTreeNodeRemoved',
          ]);
          expect(
            await listed(
              'attackTrees',
              '{ id threatId rootNodeId feasibility nodes { id parentId kind feasibility } }',
            ),
          ).toEqual([
            {
              id: 'takeover',
              threatId: 'spoofing',
              rootNodeId: 'goal',
              feasibility: 'low',
              nodes: [
                { id: 'goal', parentId: null, kind: 'or', feasibility: 'low' },
                { id: 'guess', parentId: 'goal', kind: 'leaf', feasibility: 'very_low' },
                { id: 'mail', parentId: 'phish', kind: 'leaf', feasibility: 'high' },
                { id: 'mfa', parentId: 'phish', kind: 'leaf', feasibility: 'low' },
                { id: 'phish', parentId: 'goal', kind: 'and', feasibility: 'low' },
              ],
            },
          ]);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a feasibility on an AND/OR node, naming input.feasibility',
        async () => {
          await refused(
            'addAttackTreeNode',
            {
              attackTreeId: 'takeover',
              nodeId: 'gate',
              parentNodeId: 'goal',
              kind: 'or',
              label: 'Gate',
              feasibility: 'high',
            },
            'input.feasibility',
          );
        },
      );
    });

    describe('model settings', () => {
      it.skipIf(!isAvailable)(
        'changes the approval threshold and risk matrix, and renames the model',
        async () => {
          await accepted(
            'changeModelSettings',
            {
              approvalThreshold: 'critical',
              riskMatrix: {
                name: 'Two by two',
                likelihood: ['rare', 'likely'],
                impact: ['minor', 'major'],
                cells: [
                  ['low', 'medium'],
                  ['medium', 'high'],
                ],
              },
            },
            ['ModelSettingsChanged'],
          );
          await accepted('changeModelSettings', { riskMatrix: null }, ['ModelSettingsChanged']);
          await accepted('renameThreatModel', { name: 'Lab results portal' }, [
            'ThreatModelRenamed',
          ]);
          await eventually(async () => {
            const answer = await owner.graphql<{ model: { name: string } }>(
              'query ($id: ID!) { model(id: $id) { name } }',
              { id: modelId },
            );
            expect(answer.data?.model.name).toBe('Lab results portal');
          });
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a risk matrix with a missing row, naming the field under input.riskMatrix',
        async () => {
          const before = await streamVersion();
          const answer = await send('changeModelSettings', {
            riskMatrix: {
              name: 'Broken',
              likelihood: ['rare', 'likely'],
              impact: ['minor', 'major'],
              cells: [['low', 'medium']],
            },
          });
          expect(answer.errors?.[0]?.extensions?.['code']).toBe('VALIDATION');
          expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.riskMatrix.cells');
          expect(await streamVersion()).toBe(before);
        },
      );

      it.skipIf(!isAvailable)('refuses an empty model name, naming input.name', async () => {
        await refused('renameThreatModel', { name: '' }, 'input.name');
      });
    });

    describe('versions', () => {
      it.skipIf(!isAvailable)(
        'plans an external validation, freezes, signs off and opens a new draft, and model.versions lists them',
        async () => {
          await accepted(
            'planExternalValidation',
            { reviewer: 'Outside lab', plannedFor: '2030-06-01' },
            ['ExternalValidationPlanned'],
          );
          await accepted('freezeModelVersion', { label: 'first review' }, ['ModelVersionFrozen']);
          await accepted('signOffModelVersion', { versionNumber: 1 }, ['ModelVersionSignedOff']);
          const before = await streamVersion();
          const opened = await owner.graphql<Record<string, Outcome>>(
            'mutation ($modelId: ID!, $expectedVersion: Int!) { openModelDraft(modelId: $modelId, expectedVersion: $expectedVersion) { streamVersion events { type } } }',
            { modelId, expectedVersion: before },
          );
          expect(opened.errors).toBeUndefined();
          expect(opened.data?.['openModelDraft']).toEqual({
            streamVersion: before + 1,
            events: [{ type: 'ModelDraftOpened' }],
          });
          const versions = await listed<Record<string, unknown>>(
            'versions',
            '{ number label frozenBy signedOff { by } }',
          );
          expect(versions).toHaveLength(1);
          expect(versions[0]).toMatchObject({ number: 1, label: 'first review' });
          expect(versions[0]?.['signedOff']).toEqual({ by: versions[0]?.['frozenBy'] });
        },
      );

      it.skipIf(!isAvailable)(
        'refuses to sign off a version that does not exist, naming input.versionNumber',
        async () => {
          const before = await streamVersion();
          const answer = await send('signOffModelVersion', { versionNumber: 9 });
          expect(answer.errors?.[0]?.extensions).toMatchObject({
            code: 'NOT_FOUND',
            field: 'input.versionNumber',
          });
          expect(await streamVersion()).toBe(before);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses an external validation without a date, naming input.plannedFor',
        async () => {
          await refused(
            'planExternalValidation',
            { reviewer: 'Outside lab', plannedFor: 'soon' },
            'input.plannedFor',
          );
        },
      );
    });
  },
);
