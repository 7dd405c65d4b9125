import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, eventually, type ModelOwner } from './support/model-owner.js';
import { typedModelClient } from './support/typed-model-client.js';

const databases = await testBackends();

describe.each(databases)(
  'typed mutations on zones, elements, flows, assets and scope on $name',
  ({ isAvailable, create }) => {
    let server: ApiServer;
    let owner: ModelOwner;
    let modelId: string;

    const { streamVersion, send, accepted, refused, listed } = typedModelClient(() => ({
      server,
      owner,
      modelId,
    }));

    beforeAll(async () => {
      if (!isAvailable) return;
      server = await startApiServer(await create());
      owner = await createModelOwner(server);
      modelId = await owner.createThreatModel('Clinic portal');
    });

    afterAll(async () => {
      await server?.close();
    });

    describe('zones', () => {
      it.skipIf(!isAvailable)(
        'adds, nests, changes and removes zones, and model.zones follows',
        async () => {
          await accepted('addZone', { zoneId: 'internet', name: 'Internet', trust: 'untrusted' }, [
            'ZoneAdded',
          ]);
          await accepted('addZone', { zoneId: 'dmz', name: 'DMZ', trust: 'low' }, ['ZoneAdded']);
          await accepted(
            'addZone',
            { zoneId: 'core', name: 'Core', trust: 'restricted', parentZoneId: 'dmz' },
            ['ZoneAdded'],
          );
          await accepted(
            'changeZone',
            { zoneId: 'core', name: 'Core network', parentZoneId: null },
            ['ZoneChanged'],
          );
          await accepted('addZone', { zoneId: 'spare', name: 'Spare', trust: 'trusted' }, [
            'ZoneAdded',
          ]);
          await accepted('removeZone', { zoneId: 'spare' }, ['ZoneRemoved']);
          await eventually(async () => {
            expect(await listed('zones', '{ id name trust parentZoneId }')).toEqual([
              { id: 'core', name: 'Core network', trust: 'restricted', parentZoneId: null },
              { id: 'dmz', name: 'DMZ', trust: 'low', parentZoneId: null },
              { id: 'internet', name: 'Internet', trust: 'untrusted', parentZoneId: null },
            ]);
          });
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a trust level outside the enum with VALIDATION on input.trust before running anything',
        async () => {
          const before = await streamVersion();
          const answer = await send('addZone', { zoneId: 'lab', name: 'Lab', trust: 'bogus' });
          expect(answer.errors?.[0]?.extensions).toEqual({
            code: 'VALIDATION',
            field: 'input.trust',
            expected: 'one of the TrustLevel values',
          });
          expect(answer.errors?.[0]?.message).toContain('does not exist in "TrustLevel" enum');
          expect(await streamVersion()).toBe(before);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses an empty zone name with VALIDATION on input.name',
        async () => {
          await refused('addZone', { zoneId: 'lab', name: '', trust: 'low' }, 'input.name');
        },
      );

      it.skipIf(!isAvailable)('answers a stale expectedVersion with CONFLICT', async () => {
        const before = await streamVersion();
        const answer = await send(
          'addZone',
          { zoneId: 'late', name: 'Late', trust: 'low' },
          before - 1,
        );
        expect(answer.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          expectedVersion: before - 1,
          actualVersion: before,
        });
        expect(await streamVersion()).toBe(before);
      });
    });

    describe('elements', () => {
      it.skipIf(!isAvailable)(
        'adds elements with a layout, changes one and removes one with its flows',
        async () => {
          await accepted(
            'addElement',
            {
              elementId: 'patient',
              kind: 'external_entity',
              name: 'Patient',
              zoneId: 'internet',
            },
            ['ElementAdded'],
          );
          await accepted(
            'addElement',
            {
              elementId: 'portal',
              kind: 'process',
              name: 'Portal',
              zoneId: 'dmz',
              tags: ['web'],
              layout: { x: 10, y: 20, width: 120 },
            },
            ['ElementAdded'],
          );
          await accepted(
            'addElement',
            { elementId: 'records', kind: 'data_store', name: 'Records', zoneId: 'core' },
            ['ElementAdded'],
          );
          await accepted(
            'addElement',
            { elementId: 'printer', kind: 'process', name: 'Printer', zoneId: 'core' },
            ['ElementAdded'],
          );
          await accepted(
            'changeElement',
            { elementId: 'portal', technology: 'SvelteKit', c4Level: 'context', layout: null },
            ['ElementChanged'],
          );
          await accepted(
            'addFlow',
            { flowId: 'print', name: 'Print', sourceId: 'records', destinationId: 'printer' },
            ['FlowAdded'],
          );
          const before = await streamVersion();
          const removed = await send('removeElement', {
            elementId: 'printer',
            threats: { policy: 'remove' },
            cascadeFlows: true,
          });
          expect(removed.errors).toBeUndefined();
          expect(removed.data?.['removeElement']?.events.map((event) => event.type)).toContain(
            'ElementRemoved',
          );
          expect(await streamVersion()).toBeGreaterThan(before);
          await eventually(async () => {
            expect(await listed('elements', '{ id kind zoneId c4Level technology }')).toEqual([
              {
                id: 'patient',
                kind: 'external_entity',
                zoneId: 'internet',
                c4Level: 'context',
                technology: '',
              },
              {
                id: 'portal',
                kind: 'process',
                zoneId: 'dmz',
                c4Level: 'context',
                technology: 'SvelteKit',
              },
              {
                id: 'records',
                kind: 'data_store',
                zoneId: 'core',
                c4Level: 'container',
                technology: '',
              },
            ]);
            expect(await listed('flows', '{ id }')).toEqual([]);
          });
        },
      );

      it.skipIf(!isAvailable)(
        "refuses a threats target with a policy other than 'reassign', naming input.threats.target",
        async () => {
          await refused(
            'removeElement',
            {
              elementId: 'records',
              threats: { policy: 'remove', target: { kind: 'element', id: 'portal' } },
            },
            'input.threats.target',
          );
        },
      );

      it.skipIf(!isAvailable)(
        "refuses 'reassign' without the target it requires, naming input.threats.target",
        async () => {
          await refused(
            'removeElement',
            { elementId: 'records', threats: { policy: 'reassign' } },
            'input.threats.target',
          );
        },
      );

      it.skipIf(!isAvailable)(
        'refuses a missing required field with VALIDATION naming it before running anything',
        async () => {
          const before = await streamVersion();
          const answer = await send('addElement', { elementId: 'x', name: 'X', zoneId: 'dmz' });
          expect(answer.errors?.[0]?.extensions).toEqual({
            code: 'VALIDATION',
            field: 'input.kind',
            expected: 'a value of type ElementKind!',
          });
          expect(answer.errors?.[0]?.message).toContain('was not provided');
          expect(await streamVersion()).toBe(before);
        },
      );
    });

    describe('flows', () => {
      it.skipIf(!isAvailable)('adds, changes and removes flows', async () => {
        await accepted(
          'addFlow',
          {
            flowId: 'login',
            name: 'Login',
            sourceId: 'patient',
            destinationId: 'portal',
            data: 'credentials',
          },
          ['FlowAdded'],
        );
        await accepted(
          'addFlow',
          { flowId: 'read', name: 'Read records', sourceId: 'portal', destinationId: 'records' },
          ['FlowAdded'],
        );
        await accepted('changeFlow', { flowId: 'login', protocol: 'HTTPS', bidirectional: true }, [
          'FlowChanged',
        ]);
        await accepted('removeFlow', { flowId: 'read', threats: { policy: 'detach' } }, [
          'FlowRemoved',
        ]);
        await eventually(async () => {
          expect(await listed('flows', '{ id sourceId destinationId data protocol }')).toEqual([
            {
              id: 'login',
              sourceId: 'patient',
              destinationId: 'portal',
              data: 'credentials',
              protocol: 'HTTPS',
            },
          ]);
        });
      });

      it.skipIf(!isAvailable)(
        'refuses a flow to an unknown element, naming input.destinationId',
        async () => {
          const before = await streamVersion();
          const answer = await send('addFlow', {
            flowId: 'ghost',
            name: 'Ghost',
            sourceId: 'patient',
            destinationId: 'nowhere',
          });
          expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.destinationId');
          expect(await streamVersion()).toBe(before);
        },
      );
    });

    describe('assets', () => {
      it.skipIf(!isAvailable)(
        'adds, changes and removes assets, and model.assets lists them',
        async () => {
          await accepted(
            'addAsset',
            { assetId: 'records', name: 'Health records', sensitivity: 'critical' },
            ['AssetAdded'],
          );
          await accepted(
            'addAsset',
            { assetId: 'email', name: 'Email addresses', sensitivity: 'medium' },
            ['AssetAdded'],
          );
          await accepted('addAsset', { assetId: 'logo', name: 'Logo', sensitivity: 'low' }, [
            'AssetAdded',
          ]);
          await accepted(
            'changeAsset',
            { assetId: 'email', businessImpact: 'high', description: 'for reminders' },
            ['AssetChanged'],
          );
          await accepted('removeAsset', { assetId: 'logo' }, ['AssetRemoved']);
          expect(
            await listed('assets', '{ id name description sensitivity businessImpact }'),
          ).toEqual([
            {
              id: 'email',
              name: 'Email addresses',
              description: 'for reminders',
              sensitivity: 'medium',
              businessImpact: 'high',
            },
            {
              id: 'records',
              name: 'Health records',
              description: '',
              sensitivity: 'critical',
              businessImpact: 'critical',
            },
          ]);
        },
      );

      it.skipIf(!isAvailable)('pages through assets with first and after', async () => {
        const answer = await owner.graphql<{
          model: {
            assets: {
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
              totalCount: number;
            };
          };
        }>(
          'query ($id: ID!) { model(id: $id) { assets(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } } }',
          { id: modelId },
        );
        expect(answer.errors).toBeUndefined();
        const first = answer.data?.model.assets;
        expect(first?.edges.map((edge) => edge.node.id)).toEqual(['email']);
        expect(first?.pageInfo.hasNextPage).toBe(true);
        expect(first?.totalCount).toBe(2);
        const rest = await listed<{ id: string }>(
          'assets',
          '{ id }',
          `(first: 1, after: "${first?.pageInfo.endCursor ?? ''}")`,
        );
        expect(rest).toEqual([{ id: 'records' }]);
      });
    });

    describe('assumptions and scope exclusions', () => {
      it.skipIf(!isAvailable)(
        'records and withdraws assumptions and excludes parts from scope',
        async () => {
          await accepted(
            'recordAssumption',
            { assumptionId: 'tls', text: 'TLS terminates at the load balancer' },
            ['AssumptionRecorded'],
          );
          await accepted(
            'recordAssumption',
            { assumptionId: 'sso', text: 'Staff sign in through SSO' },
            ['AssumptionRecorded'],
          );
          await accepted('withdrawAssumption', { assumptionId: 'sso' }, ['AssumptionWithdrawn']);
          await accepted(
            'excludeFromScope',
            { exclusionId: 'store', text: 'Storage internals', elementIds: ['records'] },
            ['ScopeExclusionRecorded'],
          );
          expect(await listed('assumptions', '{ id text }')).toEqual([
            { id: 'tls', text: 'TLS terminates at the load balancer' },
          ]);
          expect(await listed('scopeExclusions', '{ id text elementIds }')).toEqual([
            { id: 'store', text: 'Storage internals', elementIds: ['records'] },
          ]);
        },
      );

      it.skipIf(!isAvailable)(
        'refuses an assumption without text with VALIDATION on input.text',
        async () => {
          await refused('recordAssumption', { assumptionId: 'empty', text: '' }, 'input.text');
        },
      );
    });
  },
);
