import { execute, initialState, type CommandContext, type DomainEvent } from '@threatloom/domain';

const CVSS_VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L',
  'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N',
];
const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
];

/**
 * The events of a model with `threatCount` threats, each scored with a CVSS
 * vector and mitigated by its own owned mitigation, produced by the domain's
 * own decide so the model is valid.
 */
export function largeModelEvents(
  modelId: string,
  systemId: string,
  threatCount: number,
  context: CommandContext,
): DomainEvent[] {
  const commands: unknown[] = [
    {
      type: 'CreateThreatModel',
      modelId,
      systemId,
      name: `Benchmark model (${threatCount} threats)`,
    },
    { type: 'AddZone', zoneId: 'internet', name: 'Internet', trust: 'untrusted' },
    { type: 'AddZone', zoneId: 'core', name: 'Core', trust: 'trusted' },
  ];
  const elementIds: string[] = [];
  for (let index = 0; index < 20; index += 1) {
    const elementId = `element-${index}`;
    elementIds.push(elementId);
    commands.push({
      type: 'AddElement',
      elementId,
      kind: index === 0 ? 'external_entity' : index % 5 === 0 ? 'data_store' : 'process',
      name: `Element ${index}`,
      zoneId: index === 0 ? 'internet' : 'core',
    });
  }
  for (let index = 1; index <= threatCount; index += 1) {
    const threatId = `threat-${index}`;
    commands.push({
      type: 'IdentifyThreat',
      threatId,
      ref: index,
      title: `Threat ${index}: an attacker abuses element ${index % elementIds.length}`,
      stride: STRIDE[index % STRIDE.length],
      target: { kind: 'element', id: elementIds[index % elementIds.length] },
    });
    commands.push({
      type: 'ScoreThreat',
      threatId,
      method: { method: 'cvss', vector: CVSS_VECTORS[index % CVSS_VECTORS.length] },
    });
    commands.push({
      type: 'PlanMitigation',
      mitigationId: `mitigation-${index}`,
      threatIds: [threatId],
      strategies: ['mitigate'],
      action: `Control ${index}`,
      owner: `owner-${index % 7}@example.test`,
      dueDate: '2027-01-31',
    });
  }
  let state = initialState();
  const events: DomainEvent[] = [];
  for (const command of commands) {
    const result = execute(command, state, context);
    if (!result.ok) throw new Error(`benchmark model command refused: ${result.error.message}`);
    state = result.state;
    events.push(...result.events);
  }
  return events;
}
