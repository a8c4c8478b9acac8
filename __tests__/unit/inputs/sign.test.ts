import {generateKeyPairSync} from 'node:crypto';
import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';

const pushing = {platforms: 'linux/amd64,linux/arm64', tags: 'localhost:5000/o/app:1', push: 'true'};
const oidc = {
  HOME: '/root',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer'
};
const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'})
  .privateKey.export({type: 'pkcs8', format: 'pem'})
  .toString();
const instance = {
  'fulcio-url': 'http://127.0.0.1:9/',
  'rekor-url': 'http://127.0.0.1:9',
  'trusted-root': '/r/trusted_root.json'
};
const privateEvent = {GITHUB_EVENT_PATH: '/e.json'};
const readPrivate = {readFile: (p: string) => (p === '/e.json' ? '{"repository":{"private":true}}' : undefined)};

describe('sign inputs', () => {
  it('signs nothing by default, as the docker actions', () => {
    expect(configOf(pushing, {env: oidc}).sign.method).toBe('none');
  });
  it('keyless on the public instance where none is named: Fulcio and Rekor, the root from TUF', () => {
    expect(configOf({...pushing, sign: 'true', 'sign-scope': 'all'}, {env: oidc}).sign).toEqual({
      method: 'keyless',
      key: '',
      scope: 'all',
      attest: 'none',
      fulcioUrl: 'https://fulcio.sigstore.dev',
      rekorUrl: 'https://rekor.sigstore.dev',
      tsaUrl: '',
      trustedRoot: ''
    });
  });
  it('another instance: its URLs (trailing slash dropped) and its trusted root', () => {
    expect(configOf({...pushing, sign: 'true', ...instance}, {env: oidc}).sign).toMatchObject({
      method: 'keyless',
      fulcioUrl: 'http://127.0.0.1:9',
      rekorUrl: 'http://127.0.0.1:9',
      tsaUrl: '',
      trustedRoot: '/r/trusted_root.json'
    });
  });
  it('with sign-key: key signing, no Fulcio, no witness unless named, the key masked', () => {
    const c = configOf({...pushing, sign: 'auto', 'sign-key': p256});
    expect(c.sign).toMatchObject({method: 'key', fulcioUrl: '', rekorUrl: '', tsaUrl: ''});
  });
  it('attest: provenance rides on signing: taken with sign true or auto, refused with sign false, unknown kinds refused', () => {
    expect(configOf({...pushing, sign: 'true', attest: 'provenance'}, {env: oidc}).sign.attest).toBe('provenance');
    expect(configOf({...pushing, sign: 'auto', attest: 'provenance'}, {env: oidc}).sign).toMatchObject({
      method: 'keyless',
      attest: 'provenance'
    });
    expect(() => configOf({...pushing, attest: 'provenance'}, {env: oidc})).toThrow(
      'Input attest: provenance signs a provenance statement, and sign is false: set sign: true (or auto, to attest when an identity is there)'
    );
    expect(() => configOf({...pushing, sign: 'true', attest: 'sbom'}, {env: oidc})).toThrow(/attest/);
  });
  it('sign: true without push, or in a mode that pushes nothing, is refused', () => {
    expect(() => configOf({...pushing, push: 'false', sign: 'true'}, {env: oidc})).toThrow(
      'Input sign signs the pushed digest, and this step pushes nothing: set push: true with tags (or images)'
    );
    expect(() => configOf({mode: 'plan', platforms: 'linux/amd64', sign: 'true'}, {env: oidc})).toThrow(
      'Input sign is taken by mode build and mode merge (what they push is signed), not by mode plan'
    );
  });
  it('sign: true with no identity names the permission; auto warns and signs nothing', () => {
    expect(() => configOf({...pushing, sign: 'true'})).toThrow(/grant the job `permissions: id-token: write`/);
    const auto = configOf({...pushing, sign: 'auto'});
    expect(auto.sign.method).toBe('none');
    expect(auto.warnings).toEqual([expect.stringMatching(/^Not signed: signing needs an identity/)]);
  });
  it('a key that does not parse, or is not P-256, is refused without quoting it', () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----';
    expect(() => configOf({...pushing, sign: 'true', 'sign-key': garbage})).toThrow(
      /^Input sign-key is not a PEM private key/
    );
    const thrown = (() => {
      try {
        configOf({...pushing, sign: 'true', 'sign-key': garbage});
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(thrown).not.toContain('c2VjcmV0');
    const ed = generateKeyPairSync('ed25519').privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
    expect(() => configOf({...pushing, sign: 'true', 'sign-key': ed})).toThrow(
      'Input sign-key is a ed25519 key: give an EC P-256 (prime256v1) key, the kind cosign verify --key checks with SHA-256'
    );
  });
  it('keyless for a private repository on the public instance is refused (its name would be in the public log)', () => {
    const env = {...oidc, ...privateEvent};
    expect(() => configOf({...pushing, sign: 'true'}, {env, ...readPrivate})).toThrow(/this repository is private/);
    expect(configOf({...pushing, sign: 'auto'}, {env, ...readPrivate}).sign.method).toBe('none');
    expect(configOf({...pushing, sign: 'true', ...instance}, {env, ...readPrivate}).sign.method).toBe('keyless');
    expect(configOf({...pushing, sign: 'true', 'sign-key': p256}, {env, ...readPrivate}).sign.method).toBe('key');
  });
  it('another instance needs its Fulcio, a witness of the time and its trusted root', () => {
    expect(() => configOf({...pushing, sign: 'true', 'rekor-url': 'http://r'}, {env: oidc})).toThrow(
      /needs its fulcio-url/
    );
    expect(() =>
      configOf({...pushing, sign: 'true', 'fulcio-url': 'http://f', 'trusted-root': '/r'}, {env: oidc})
    ).toThrow(/give rekor-url, tsa-url or both/);
    expect(() =>
      configOf({...pushing, sign: 'true', 'fulcio-url': 'http://f', 'tsa-url': 'http://t'}, {env: oidc})
    ).toThrow(/give its trusted_root.json in trusted-root/);
    expect(() =>
      configOf({...pushing, sign: 'true', ...instance}, {env: oidc, exists: p => p !== '/r/trusted_root.json'})
    ).toThrow(/does not exist/);
    expect(() => configOf({...pushing, sign: 'true', 'fulcio-url': 'fulcio'}, {env: oidc})).toThrow(
      'Input fulcio-url must be an http(s) URL, not "fulcio"'
    );
  });
});
