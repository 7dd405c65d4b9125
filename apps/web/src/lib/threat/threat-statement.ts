import { MAX_NAME_LENGTH } from '@threatloom/domain';

/**
 * The parts of a threat statement (the threat grammar): "A [threat source]
 * [with prerequisites] can [threat action], which leads to [threat impact],
 * negatively impacting [assets]."
 */
export interface ThreatStatementParts {
  source: string;
  prerequisites: string;
  action: string;
  impact: string;
  /** Names of the assets it harms. */
  assets: readonly string[];
}

/** An empty statement, to start a form with. */
export const emptyStatement: ThreatStatementParts = {
  source: '',
  prerequisites: '',
  action: '',
  impact: '',
  assets: [],
};

function clean(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '');
}

/** "a", "b and c", "a, b and c". */
function listOf(items: readonly string[]): string {
  const names = items.map(clean).filter(Boolean);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function withArticle(source: string): string {
  if (/^(a|an|the|any|some|one|two|three|our|their|every)\s/i.test(source)) {
    return source.charAt(0).toUpperCase() + source.slice(1);
  }
  return `${/^[aeiou]/i.test(source) ? 'An' : 'A'} ${source}`;
}

/** True when the parts hold what a statement needs: a source and an action. */
export function isCompleteStatement(parts: ThreatStatementParts): boolean {
  return clean(parts.source) !== '' && clean(parts.action) !== '';
}

/**
 * The sentence the parts make, for the live preview and the threat's
 * description. Parts left empty are left out; a missing source or action
 * shows as a placeholder in brackets, so the preview says what is missing.
 */
export function threatStatement(parts: ThreatStatementParts): string {
  const source = clean(parts.source);
  const prerequisites = clean(parts.prerequisites);
  const action = clean(parts.action);
  const impact = clean(parts.impact);
  const assets = listOf(parts.assets);
  let sentence = source ? withArticle(source) : 'A [threat source]';
  if (prerequisites)
    sentence += ` ${/^(with|who|that|in|on|having)\b/i.test(prerequisites) ? '' : 'with '}${prerequisites}`;
  sentence += ` can ${action ? action.replace(/^can\s+/i, '') : '[do something]'}`;
  if (impact) sentence += `, which leads to ${impact.replace(/^(which\s+)?leads?\s+to\s+/i, '')}`;
  if (assets) sentence += `, negatively impacting ${assets}`;
  return `${sentence}.`;
}

/**
 * A title for the register: the action, capitalised, cut to the domain's
 * limit for a one-line name.
 */
export function titleOfStatement(parts: ThreatStatementParts): string {
  const action = clean(parts.action).replace(/^can\s+/i, '');
  const title = action ? action.charAt(0).toUpperCase() + action.slice(1) : 'New threat';
  return title.length > MAX_NAME_LENGTH ? `${title.slice(0, MAX_NAME_LENGTH - 1)}…` : title;
}
