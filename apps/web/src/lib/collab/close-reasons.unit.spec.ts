import { describe, expect, it } from 'vitest';
import { closeReason } from './close-reasons.js';

describe('closeReason', () => {
  it('says a session ended for 4401, and lost access for 4403', () => {
    expect(closeReason(4401)).toMatch(/session has ended/);
    expect(closeReason(4403)).toMatch(/no longer have access/);
  });

  it('falls back to a lost connection for codes it does not know', () => {
    expect(closeReason(1006)).toMatch(/connection to the server was lost/);
  });
});
