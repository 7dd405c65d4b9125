import { graphql } from '../api/graphql-client.js';

/** What the server found checking a model's events, as the badge shows it. */
export interface ModelVerification {
  isIntact: boolean;
  verifiedAt: string;
  eventsChecked: number;
  sealedEvents: number;
  unsealedEvents: number;
  checkpoint: { sealedAt: string; treeSize: number; keyId: string } | null;
  findings: { kind: string; position: number | null; detail: string }[];
  logFindings: { kind: string; detail: string }[];
  brokenLinks: { streamVersion: number; reason: string }[];
}

const VERIFY = `query VerifyModelHistory($modelId: ID!) {
  verifyModelHistory(modelId: $modelId) {
    isIntact verifiedAt eventsChecked sealedEvents unsealedEvents
    checkpoint { sealedAt treeSize keyId }
    findings { kind position detail }
    logFindings { kind detail }
    brokenLinks { streamVersion reason }
  }
}`;

/** Checks the model's stored events against their hash chain and the latest signed checkpoint. */
export async function verifyModel(modelId: string): Promise<ModelVerification> {
  const answer = await graphql<{ verifyModelHistory: ModelVerification }>(VERIFY, { modelId });
  return answer.verifyModelHistory;
}

/** The problems a verification found, one line each (none when intact). */
export function verificationProblems(verification: ModelVerification): string[] {
  return [
    ...verification.logFindings.map((finding) => `${finding.kind}: ${finding.detail}`),
    ...verification.findings.map(
      (finding) =>
        `${finding.kind}${finding.position === null ? '' : ` at position ${finding.position}`}: ${finding.detail}`,
    ),
    // A broken link the findings do not already name.
    ...(verification.findings.length === 0
      ? verification.brokenLinks.map(
          (link) => `broken link at event ${link.streamVersion}: ${link.reason}`,
        )
      : []),
  ];
}

/** What the badge says beside its verdict: how much is covered, and by what. */
export function coverageWords(verification: ModelVerification): string {
  const events = `${verification.eventsChecked} ${verification.eventsChecked === 1 ? 'event' : 'events'}`;
  if (verification.checkpoint === null)
    return `${events} checked against their hash chain; the log has not been sealed yet.`;
  const pending =
    verification.unsealedEvents === 0
      ? ''
      : `, ${verification.unsealedEvents} newer than the last seal (hash chain only until the next one)`;
  return `${events} checked: ${verification.sealedEvents} against the signed checkpoint of ${verification.checkpoint.treeSize} log entries${pending}.`;
}
