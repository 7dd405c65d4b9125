import type { LedgerVerification } from '@threatloom/eventstore';
import { describeScope, type VerifyScope } from './verify-scope.js';
import type { TrustedKey } from './trusted-keys.js';

/** What `verify --json` prints: the verification, plus what was checked. */
export function verificationToJson(
  scope: VerifyScope,
  report: LedgerVerification,
): Record<string, unknown> {
  const { streamIds, ...rest } = scope;
  const via = 'server' in rest && rest.server !== undefined ? { via: 'server' } : {};
  return { scope: { ...rest, ...via, streamIds }, ...report };
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The human report: verdict, counts, checkpoint, then every finding, broken link and log finding. */
export function formatVerification(
  scope: VerifyScope,
  report: LedgerVerification,
  keys: readonly TrustedKey[],
): string {
  const lines: string[] = [];
  const problems = [
    [report.eventFindings.length, 'event named'],
    [report.brokenLinks.length, 'broken link'],
    [report.logFindings.length, 'log finding'],
  ] as const;
  lines.push(
    report.isIntact
      ? `INTACT: ${describeScope(scope)}`
      : `TAMPERING FOUND: ${describeScope(scope)} (${problems
          .filter(([count]) => count > 0)
          .map(([count, what]) =>
            count === 1 ? `1 ${what}` : `${count} ${what.replace(/^(\w+)/, '$1s')}`,
          )
          .join(', ')})`,
  );
  lines.push(
    `  ${plural(report.eventsChecked, 'event')} checked in ${plural(report.streamsChecked, 'stream')}: ` +
      `${report.sealedEvents} sealed, ${report.unsealedEvents} not yet sealed`,
  );
  const checkpoint = report.checkpoint;
  if (checkpoint === null) {
    lines.push('  checkpoint: none trusted to compare with');
  } else {
    const key = keys.find((candidate) => candidate.fingerprint === checkpoint.keyId);
    lines.push(
      `  checkpoint: ${plural(checkpoint.treeSize, 'event')} sealed at ${checkpoint.sealedAt}, ` +
        `${checkpoint.source === 'store' ? "the store's latest" : 'the one supplied with --checkpoint'}`,
      `    root ${checkpoint.rootHash}`,
      `    key  ${checkpoint.keyId}${key === undefined ? '' : ` (${key.source} ${key.file})`}${scope.kind !== 'all' && scope.server !== undefined ? " (checked against the server's trusted keys)" : ''}`,
    );
  }
  if (report.eventFindings.length > 0) {
    lines.push('', 'Events:');
    for (const finding of report.eventFindings) {
      const changes = finding.changes.length > 0 ? `; changed: ${finding.changes.join(', ')}` : '';
      lines.push(
        `  ${finding.kind}: ${finding.streamId} version ${finding.streamVersion}, position ${finding.position ?? 'unknown'}` +
          `${finding.isSealed ? ' (sealed)' : ' (not sealed yet)'}${changes}`,
        `    ${finding.detail}`,
      );
    }
  }
  if (report.brokenLinks.length > 0) {
    lines.push('', 'Broken links:');
    for (const link of report.brokenLinks) {
      lines.push(
        `  ${link.streamId} version ${link.streamVersion}, position ${link.position}: ${link.reason.replaceAll('_', ' ')}`,
        `    expected ${link.expected}`,
        `    found    ${link.actual}`,
      );
    }
  }
  if (report.logFindings.length > 0) {
    lines.push('', 'Sealed log:');
    for (const finding of report.logFindings)
      lines.push(`  ${finding.kind.replaceAll('_', ' ')}: ${finding.detail}`);
  }
  const notes: string[] = [];
  if (checkpoint === null && report.eventsChecked > 0) {
    notes.push(
      'No trusted checkpoint covers these events: only their hash chains protect them, and a chain rewritten from its start or cut at its end still verifies.',
    );
  } else if (report.unsealedEvents > 0) {
    notes.push(
      `${plural(report.unsealedEvents, 'event')} not yet sealed: events appended after the last checkpoint are protected only by their hash chains until the next seal.`,
    );
  }
  if (notes.length > 0) lines.push('', ...notes.map((note) => `Note: ${note}`));
  return `${lines.join('\n')}\n`;
}
