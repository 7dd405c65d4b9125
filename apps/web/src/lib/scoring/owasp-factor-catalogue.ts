import type { OwaspFactors } from '@threatloom/scoring';

/** The four factor groups of the OWASP Risk Rating Methodology. */
export type OwaspGroupKey = keyof OwaspFactors;

/** One factor as a person rates it: its name and the methodology's anchor points. */
export interface OwaspFactorEntry {
  readonly key: string;
  readonly name: string;
  /** The question the methodology asks for this factor. */
  readonly question: string;
  /** Rating (0-9) to what the methodology says it means; ratings not listed fall between. */
  readonly anchors: Readonly<Partial<Record<number, string>>>;
}

/** A factor group with the side of the rating it feeds. */
export interface OwaspGroupEntry {
  readonly key: OwaspGroupKey;
  readonly name: string;
  readonly side: 'likelihood' | 'impact';
  /** Business impact may be left out; the impact is then taken from the technical factors. */
  readonly isOptional: boolean;
  readonly factors: readonly OwaspFactorEntry[];
}

// Factor names, questions and anchor points from the OWASP Risk Rating Methodology
// (https://owasp.org/www-community/OWASP_Risk_Rating_Methodology), steps 2 and 3.
// Where the methodology gives one rating two meanings, both are named.
export const owaspGroups: readonly OwaspGroupEntry[] = [
  {
    key: 'threatAgent',
    name: 'Threat agent factors',
    side: 'likelihood',
    isOptional: false,
    factors: [
      {
        key: 'skillLevel',
        name: 'Skill level',
        question: 'How technically skilled is this group of threat agents?',
        anchors: {
          1: 'No technical skills',
          3: 'Some technical skills',
          5: 'Advanced computer user',
          6: 'Network and programming skills',
          9: 'Security penetration skills',
        },
      },
      {
        key: 'motive',
        name: 'Motive',
        question: 'How motivated is this group of threat agents to find and exploit it?',
        anchors: { 1: 'Low or no reward', 4: 'Possible reward', 9: 'High reward' },
      },
      {
        key: 'opportunity',
        name: 'Opportunity',
        question: 'What resources and opportunities does the group need to find and exploit it?',
        anchors: {
          0: 'Full access or expensive resources required',
          4: 'Special access or resources required',
          7: 'Some access or resources required',
          9: 'No access or resources required',
        },
      },
      {
        key: 'size',
        name: 'Size',
        question: 'How large is this group of threat agents?',
        anchors: {
          2: 'Developers or system administrators',
          4: 'Intranet users',
          5: 'Partners',
          6: 'Authenticated users',
          9: 'Anonymous Internet users',
        },
      },
    ],
  },
  {
    key: 'vulnerability',
    name: 'Vulnerability factors',
    side: 'likelihood',
    isOptional: false,
    factors: [
      {
        key: 'easeOfDiscovery',
        name: 'Ease of discovery',
        question: 'How easy is it for this group of threat agents to discover the vulnerability?',
        anchors: {
          1: 'Practically impossible',
          3: 'Difficult',
          7: 'Easy',
          9: 'Automated tools available',
        },
      },
      {
        key: 'easeOfExploit',
        name: 'Ease of exploit',
        question: 'How easy is it for this group of threat agents to exploit the vulnerability?',
        anchors: { 1: 'Theoretical', 3: 'Difficult', 5: 'Easy', 9: 'Automated tools available' },
      },
      {
        key: 'awareness',
        name: 'Awareness',
        question: 'How well known is this vulnerability to this group of threat agents?',
        anchors: { 1: 'Unknown', 4: 'Hidden', 6: 'Obvious', 9: 'Public knowledge' },
      },
      {
        key: 'intrusionDetection',
        name: 'Intrusion detection',
        question: 'How likely is an exploit to be detected?',
        anchors: {
          1: 'Active detection in application',
          3: 'Logged and reviewed',
          8: 'Logged without review',
          9: 'Not logged',
        },
      },
    ],
  },
  {
    key: 'technicalImpact',
    name: 'Technical impact factors',
    side: 'impact',
    isOptional: false,
    factors: [
      {
        key: 'lossOfConfidentiality',
        name: 'Loss of confidentiality',
        question: 'How much data could be disclosed and how sensitive is it?',
        anchors: {
          2: 'Minimal non-sensitive data disclosed',
          6: 'Minimal critical or extensive non-sensitive data disclosed',
          7: 'Extensive critical data disclosed',
          9: 'All data disclosed',
        },
      },
      {
        key: 'lossOfIntegrity',
        name: 'Loss of integrity',
        question: 'How much data could be corrupted and how damaged is it?',
        anchors: {
          1: 'Minimal slightly corrupt data',
          3: 'Minimal seriously corrupt data',
          5: 'Extensive slightly corrupt data',
          7: 'Extensive seriously corrupt data',
          9: 'All data totally corrupt',
        },
      },
      {
        key: 'lossOfAvailability',
        name: 'Loss of availability',
        question: 'How much service could be lost and how vital is it?',
        anchors: {
          1: 'Minimal secondary services interrupted',
          5: 'Minimal primary or extensive secondary services interrupted',
          7: 'Extensive primary services interrupted',
          9: 'All services completely lost',
        },
      },
      {
        key: 'lossOfAccountability',
        name: 'Loss of accountability',
        question: 'Are the threat agents’ actions traceable to an individual?',
        anchors: { 1: 'Fully traceable', 7: 'Possibly traceable', 9: 'Completely anonymous' },
      },
    ],
  },
  {
    key: 'businessImpact',
    name: 'Business impact factors',
    side: 'impact',
    isOptional: true,
    factors: [
      {
        key: 'financialDamage',
        name: 'Financial damage',
        question: 'How much financial damage would an exploit cause?',
        anchors: {
          1: 'Less than the cost to fix the vulnerability',
          3: 'Minor effect on annual profit',
          7: 'Significant effect on annual profit',
          9: 'Bankruptcy',
        },
      },
      {
        key: 'reputationDamage',
        name: 'Reputation damage',
        question: 'Would an exploit cause reputation damage that harms the business?',
        anchors: {
          1: 'Minimal damage',
          4: 'Loss of major accounts',
          5: 'Loss of goodwill',
          9: 'Brand damage',
        },
      },
      {
        key: 'nonCompliance',
        name: 'Non-compliance',
        question: 'How much exposure does non-compliance introduce?',
        anchors: { 2: 'Minor violation', 5: 'Clear violation', 7: 'High profile violation' },
      },
      {
        key: 'privacyViolation',
        name: 'Privacy violation',
        question: 'How much personally identifiable information could be disclosed?',
        anchors: {
          3: 'One individual',
          5: 'Hundreds of people',
          7: 'Thousands of people',
          9: 'Millions of people',
        },
      },
    ],
  },
];

/** The ratings a factor can take, 0 to 9. */
export const owaspRatings: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** "7 – Easy" or just "8": how one rating of a factor reads in a list. */
export function owaspRatingLabel(factor: OwaspFactorEntry, rating: number): string {
  const anchor = factor.anchors[rating];
  return anchor === undefined ? String(rating) : `${rating} – ${anchor}`;
}

/** Ratings picked so far, by group and factor key; a factor absent is not rated yet. */
export type OwaspDraft = Partial<Record<OwaspGroupKey, Partial<Record<string, number>>>>;

/** The groups a rating needs: business impact only when the person chose to rate it. */
export function owaspGroupsInUse(includeBusinessImpact: boolean): readonly OwaspGroupEntry[] {
  return owaspGroups.filter((group) => !group.isOptional || includeBusinessImpact);
}

/** The draft with one factor rated (or un-rated with null). */
export function rateOwaspFactor(
  draft: OwaspDraft,
  group: OwaspGroupKey,
  factor: string,
  rating: number | null,
): OwaspDraft {
  const ratings = { ...draft[group] };
  if (rating === null) delete ratings[factor];
  else ratings[factor] = rating;
  return { ...draft, [group]: ratings };
}

/** Factors in use not rated yet, in the methodology's order. */
export function unratedOwaspFactors(
  draft: OwaspDraft,
  includeBusinessImpact: boolean,
): OwaspFactorEntry[] {
  return owaspGroupsInUse(includeBusinessImpact).flatMap((group) =>
    group.factors.filter((factor) => draft[group.key]?.[factor.key] === undefined),
  );
}

/** The factors of a fully rated draft in the scoring package's shape, or null while any is unrated. */
export function owaspFactorsFromDraft(
  draft: OwaspDraft,
  includeBusinessImpact: boolean,
): OwaspFactors | null {
  if (unratedOwaspFactors(draft, includeBusinessImpact).length > 0) return null;
  const factors: Record<string, Record<string, number>> = {};
  for (const group of owaspGroupsInUse(includeBusinessImpact)) {
    factors[group.key] = Object.fromEntries(
      group.factors.map((factor) => [factor.key, draft[group.key]?.[factor.key] ?? 0]),
    );
  }
  return factors as unknown as OwaspFactors;
}

/** A draft holding a recorded rating's factors. */
export function owaspDraftFromFactors(factors: OwaspFactors): OwaspDraft {
  const draft: OwaspDraft = {};
  for (const group of owaspGroups) {
    const ratings = factors[group.key];
    if (ratings !== undefined) draft[group.key] = { ...ratings };
  }
  return draft;
}
