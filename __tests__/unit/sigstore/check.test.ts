import {describe, expect, it} from '@jest/globals';
import {ASN1Obj} from '@sigstore/core';
import {derUtf8, keylessPolicy} from '../../../src/sigstore/check.js';

const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

describe('the keyless policy a signature read back must meet', () => {
  it('takes the identity whole: not a longer one, not one where a dot stands for another character', () => {
    const san = keylessPolicy({identity: IDENTITY, issuer: ISSUER}).subjectAlternativeName as RegExp;
    expect(san.test(IDENTITY)).toBe(true);
    expect(san.test(`${IDENTITY}-fork`)).toBe(false);
    expect(san.test(`https://evil.example/x?${IDENTITY}`)).toBe(false);
    expect(san.test(IDENTITY.replace('github.com', 'githubXcom'))).toBe(false);
  });
  it("asks for the run's repository in Fulcio's Source Repository URI extension, a DER UTF8String", () => {
    const policy = keylessPolicy({identity: IDENTITY, issuer: ISSUER, repositoryUri: 'https://github.com/acme/app'});
    expect(policy.extensions).toEqual({issuer: ISSUER});
    expect(policy.oids?.map(o => o.oid?.id.join('.'))).toEqual(['1.3.6.1.4.1.57264.1.12']);
    const parsed = ASN1Obj.parseBuffer(policy.oids![0].value as Buffer<ArrayBuffer>);
    expect([parsed.tag.number, parsed.value.toString('utf8')]).toEqual([12, 'https://github.com/acme/app']);
    expect(keylessPolicy({identity: IDENTITY, issuer: ISSUER}).oids).toBeUndefined();
  });
  it('encodes long strings with the long length form', () => {
    for (const n of [127, 128, 255, 256, 1000]) {
      const parsed = ASN1Obj.parseBuffer(derUtf8('r'.repeat(n)) as Buffer<ArrayBuffer>);
      expect(parsed.value.length).toBe(n);
    }
  });
});
