import { z } from 'zod';

/**
 * How long each kind of text in a command may be. Every text and list field
 * of every command has one of these maxima, so a model or an organisation
 * cannot be made unusable (or the database filled) by one oversized value.
 * docs/domain.md lists them field by field.
 */

/** Names, titles, labels and other one-line text (model, zone, element, threat, organisation...). */
export const MAX_NAME_LENGTH = 200;
/** Descriptions, rationales, reasons, assumptions, actions and other free text. */
export const MAX_TEXT_LENGTH = 10_000;
/** Ids a client chooses (threatId, zoneId...). */
export const MAX_ID_LENGTH = 200;
/** Entries of a list of ids (assetIds, threatIds, elementIds). */
export const MAX_ID_LIST_ENTRIES = 500;
/** Tags on an element. */
export const MAX_TAGS = 50;
/** Characters of one tag. */
export const MAX_TAG_LENGTH = 64;
/** Tags on a system (the portfolio's filters, so fewer and shorter than an element's). */
export const MAX_SYSTEM_TAGS = 20;
/** Characters of one system tag. */
export const MAX_SYSTEM_TAG_LENGTH = 50;
/** Links (a mitigation's ticketUrl); only http and https are accepted. */
export const MAX_URL_LENGTH = 2_048;
/** A CVSS vector string (a full CVSS 4.0 vector with every optional metric is about 300). */
export const MAX_VECTOR_LENGTH = 512;
/** An email address (RFC 5321's limit on a forward path). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * NUL and the other C0 control characters except tab, line feed and carriage
 * return, and UTF-16 surrogates that do not form a pair: none of them is text a
 * person typed, NUL cannot be stored in PostgreSQL text at all, and an unpaired
 * surrogate has no UTF-8 encoding.
 */
const unprintable =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a text field expects when it holds a character `unprintable` refuses. */
export const PRINTABLE_TEXT_EXPECTED =
  'text without NUL, control characters (other than tab and line breaks) or unpaired surrogates';

/** Whether `value` holds no character that `unprintable` refuses. */
export function isPrintableText(value: string): boolean {
  return !unprintable.test(value);
}

function printable(schema: z.ZodString) {
  return schema.refine(isPrintableText, { error: PRINTABLE_TEXT_EXPECTED });
}

/** A required one-line name or title: trimmed, not blank, at most `maximum` characters. */
export function nameText(maximum = MAX_NAME_LENGTH) {
  return printable(
    z
      .string()
      .trim()
      .min(1, { error: 'a non-empty text (not only spaces)' })
      .max(maximum, { error: `at most ${maximum} characters` }),
  );
}

/** Free text that may be empty: at most `maximum` characters. */
export function freeText(maximum = MAX_TEXT_LENGTH) {
  return printable(z.string().max(maximum, { error: `at most ${maximum} characters` }));
}

/** Free text that must say something (a rationale, a reason): trimmed, not blank. */
export function requiredText(maximum = MAX_TEXT_LENGTH) {
  return nameText(maximum);
}

/** A client-chosen or referenced id: non-empty, at most MAX_ID_LENGTH characters. */
export function idText() {
  return printable(
    z
      .string()
      .min(1, { error: 'a non-empty id' })
      .max(MAX_ID_LENGTH, { error: `an id of at most ${MAX_ID_LENGTH} characters` }),
  );
}

/** A list of ids of at most MAX_ID_LIST_ENTRIES entries. */
export function idList() {
  return z
    .array(idText())
    .max(MAX_ID_LIST_ENTRIES, { error: `at most ${MAX_ID_LIST_ENTRIES} ids` });
}

/** Tags: at most MAX_TAGS entries of at most MAX_TAG_LENGTH characters each. */
export function tagList() {
  return z
    .array(
      printable(
        z
          .string()
          .trim()
          .min(1, { error: 'a non-empty tag' })
          .max(MAX_TAG_LENGTH, { error: `a tag of at most ${MAX_TAG_LENGTH} characters` }),
      ),
    )
    .max(MAX_TAGS, { error: `at most ${MAX_TAGS} tags` });
}

/** An absolute http or https URL of at most MAX_URL_LENGTH characters (no javascript:, data:, file:...). */
export function httpUrl() {
  return z
    .url({ protocol: /^https?$/, error: 'an http or https URL' })
    .max(MAX_URL_LENGTH, { error: `a URL of at most ${MAX_URL_LENGTH} characters` });
}
