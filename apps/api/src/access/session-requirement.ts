import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { Unauthenticated } from '../errors/app-error.js';

/**
 * Root fields a caller without a session (or API token) may use: signing up,
 * in and out, the CSRF token, `me` (null without a session) and introspection.
 * Every other operation needs a caller, so "you are not signed in" is never
 * answered as an empty list or a not-found that reads like "you have nothing".
 */
export const PUBLIC_ROOT_FIELDS: Readonly<Record<'query' | 'mutation', readonly string[]>> = {
  query: ['me', 'csrfToken', '__typename', '__schema', '__type'],
  mutation: ['signUp', 'signIn', 'signOut', '__typename'],
};

/** The root field names an operation selects, through fragments and inline fragments. */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return rootFieldNames(document, selection.selectionSet);
    }
    const fragment = document.definitions.find(
      (definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION &&
        definition.name.value === selection.name.value,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION
      ? rootFieldNames(document, fragment.selectionSet)
      : [];
  });
}

/** The first root field outside PUBLIC_ROOT_FIELDS, or null, per parsed document. */
const fieldNeedingSession = new WeakMap<DocumentNode, string | null>();

/**
 * The first root field of any operation in the document (subscriptions
 * aside) that a caller without a session may not use, or null. A pure
 * function of the document, so it is worked out once per parsed document.
 */
export function firstFieldNeedingSession(document: DocumentNode): string | null {
  const known = fieldNeedingSession.get(document);
  if (known !== undefined) return known;
  let found: string | null = null;
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation === 'subscription') {
      continue;
    }
    const allowed = PUBLIC_ROOT_FIELDS[operation.operation];
    const needsSession = rootFieldNames(document, operation.selectionSet).find(
      (field) => !allowed.includes(field),
    );
    if (needsSession !== undefined) {
      found = needsSession;
      break;
    }
  }
  fieldNeedingSession.set(document, found);
  return found;
}

/**
 * Throws UNAUTHENTICATED when a caller without a session asks for any root
 * field outside PUBLIC_ROOT_FIELDS. Every operation in the document is
 * checked, whichever one `operationName` selects (subscriptions are checked
 * when they start).
 */
export function requireSessionUnlessPublic(document: DocumentNode, hasCaller: boolean): void {
  if (hasCaller) return;
  const needsSession = firstFieldNeedingSession(document);
  if (needsSession !== null) {
    throw new Unauthenticated(`${needsSession} needs a signed-in session or an API token`);
  }
}
