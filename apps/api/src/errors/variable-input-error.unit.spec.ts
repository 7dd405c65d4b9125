import { describe, expect, it } from 'vitest';
import { variableInputError, variableInputErrorField } from './variable-input-error.js';

describe('variableInputErrorField', () => {
  it('names the path of a value outside an enum', () => {
    expect(
      variableInputErrorField(
        'Variable "$input" got invalid value "bogus" at "input.trust"; Value "bogus" does not exist in "ZoneTrust" enum.',
      ),
    ).toBe('input.trust');
  });

  it('names a missing required field below the path', () => {
    expect(
      variableInputErrorField(
        'Variable "$input" got invalid value { elementId: "x", name: "X" }; Field "kind" of required type "ElementKind!" was not provided.',
      ),
    ).toBe('input.kind');
    expect(
      variableInputErrorField(
        'Variable "$zone" got invalid value { a: 1 } at "zone.layout"; Field "x" of required type "Float!" was not provided.',
      ),
    ).toBe('zone.layout.x');
  });

  it('names a field the input type does not define', () => {
    expect(
      variableInputErrorField(
        'Variable "$input" got invalid value { foo: 1 }; Field "foo" is not defined by type "AddZoneInput".',
      ),
    ).toBe('input.foo');
  });

  it('names list items and uses the last path when the value contains look-alike text', () => {
    expect(
      variableInputErrorField(
        'Variable "$input" got invalid value "x at \\"input.name\\"; " at "input.assetIds[2]"; String cannot represent a non string value: 7',
      ),
    ).toBe('input.assetIds[2]');
  });

  it('names a variable that is missing or null', () => {
    expect(
      variableInputErrorField(
        'Variable "$input" of required type "AddZoneInput!" was not provided.',
      ),
    ).toBe('input');
    expect(
      variableInputErrorField(
        'Variable "$input" of non-null type "AddZoneInput!" must not be null.',
      ),
    ).toBe('input');
  });

  it('leaves other errors alone', () => {
    expect(variableInputErrorField('Syntax Error: Expected Name, found <EOF>.')).toBeNull();
    expect(variableInputErrorField('Cannot query field "nope" on type "Query".')).toBeNull();
  });
});

describe('variableInputError', () => {
  it('says what was expected for each kind of coercion failure', () => {
    const cases: [string, string, string][] = [
      [
        'Variable "$input" got invalid value "bogus" at "input.trust"; Value "bogus" does not exist in "TrustLevel" enum.',
        'input.trust',
        'one of the TrustLevel values',
      ],
      [
        'Variable "$input" got invalid value 5 at "input.name"; String cannot represent a non string value: 5',
        'input.name',
        'a string',
      ],
      [
        'Variable "$v" got invalid value "x"; Int cannot represent non-integer value: "x"',
        'v',
        'an integer',
      ],
      [
        'Variable "$input" got invalid value {}; Field "kind" of required type "ElementKind!" was not provided.',
        'input.kind',
        'a value of type ElementKind!',
      ],
      [
        'Variable "$input" got invalid value { foo: 1 }; Field "foo" is not defined by type "AddZoneInput". Did you mean "name"?',
        'input.foo',
        'only the fields AddZoneInput defines',
      ],
      [
        'Variable "$input" got invalid value "x"; Expected type "AddZoneInput" to be an object.',
        'input',
        'an AddZoneInput object',
      ],
      [
        'Variable "$input" got invalid value null at "input.tags[1]"; Expected non-nullable type "String!" not to be null.',
        'input.tags[1]',
        'a value of type String!, not null',
      ],
      [
        'Variable "$input" got invalid value [[[Array]]] at "input.factors"; Expected a JSON value nested at most 32 levels deep',
        'input.factors',
        'a JSON value nested at most 32 levels deep',
      ],
      [
        'Variable "$input" of required type "AddZoneInput!" was not provided.',
        'input',
        'a value of type AddZoneInput!',
      ],
    ];
    for (const [message, field, expected] of cases) {
      expect(variableInputError(message)).toEqual({ field, expected });
    }
  });
});
