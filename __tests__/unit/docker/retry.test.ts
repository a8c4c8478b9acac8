import * as http from 'node:http';
import {afterAll, beforeAll, describe, expect, it, jest} from '@jest/globals';
import {Exec, type RunResult} from '../../../src/docker/exec.js';
import * as retry from '../../../src/docker/retry.js';
import {fixture} from '../../helpers.js';
const PUSH_429 = fixture('buildx-0.13-push-429.txt');

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, never negative', () => {
    const now = Date.parse('Tue, 24 Nov 2026 02:00:00 GMT');
    expect(retry.parseRetryAfter('3', now)).toBe(3000);
    expect(retry.parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(retry.parseRetryAfter('Tue, 24 Nov 2026 02:00:07 GMT', now)).toBe(7000);
    expect(retry.parseRetryAfter('Tue, 24 Nov 2026 01:59:00 GMT', now)).toBe(0);
    expect(retry.parseRetryAfter('soon', now)).toBeUndefined();
    expect(retry.parseRetryAfter(null, now)).toBeUndefined();
  });
  it('finds the registry in the CLI error line', () => {
    expect(retry.registryOrigin(PUSH_429)).toBe('http://localhost:40123');
    expect(retry.registryOrigin('ERROR: failed to solve: process "/bin/sh -c false" did not complete')).toBe('');
  });
});

describe('asking the registry how long to wait', () => {
  let limitedUntil = 0;
  let server: http.Server;
  let origin = '';
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      const left = Math.ceil((limitedUntil - Date.now()) / 1000);
      if (left > 0) res.writeHead(429, {'Retry-After': String(left)}).end();
      else res.writeHead(200).end('{}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));
  const line = (): string =>
    `ERROR: unexpected status from PUT request to ${origin}/v2/a/manifests/x: 429 Too Many Requests`;

  it('while the registry limits: its Retry-After', async () => {
    limitedUntil = Date.now() + 4000;
    expect(await retry.retryAfterFromRegistry(line())).toBe(4000);
  });
  it('once it no longer limits, or for other errors: nothing (the usual backoff applies)', async () => {
    limitedUntil = 0;
    expect(await retry.retryAfterFromRegistry(line())).toBeUndefined();
    expect(
      await retry.retryAfterFromRegistry(line().replace('429 Too Many Requests', '503 Service Unavailable'))
    ).toBeUndefined();
  });
  it('caps a huge Retry-After at 5 minutes', async () => {
    limitedUntil = Date.now() + 3_600_000;
    expect(await retry.retryAfterFromRegistry(line())).toBe(300_000);
    limitedUntil = 0;
  });
});

describe('the one registry policy', () => {
  it('takes its attempts and waits from retries and retry-backoff', () => {
    const p = retry.networkRetry({retries: 5, backoffMs: 1000});
    expect(p.attempts).toBe(6);
    const waits = [1, 2, 3].map(a => p.delayMs(a));
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[2]).toBeLessThanOrEqual(4000);
    // exponential with jitter between half and all of the step
    expect([1, 2, 3].map(a => retry.backoffMs(a, 1000, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map(a => retry.backoffMs(a, 1000, () => 0.5))).toEqual([750, 1500, 3000]);
    expect([1, 2, 3].map(a => retry.backoffMs(a, 1000, () => 1))).toEqual([1000, 2000, 4000]);
    expect(retry.networkRetry({retries: 0, backoffMs: 1000}).attempts).toBe(1);
  });
  it('retries transient errors, never auth; read-backs also retry not-found', () => {
    const budget = {retries: 3, backoffMs: 2000};
    const net = retry.networkRetry(budget);
    expect(net.retryOn('ERROR: failed to do request: Head "https://r/v2/": read: connection reset by peer')).toBe(true);
    expect(net.retryOn('ERROR: unexpected status: 500 Internal Server Error')).toBe(true);
    expect(net.retryOn('ERROR: unexpected status: 401 Unauthorized')).toBe(false);
    expect(net.retryOn('ERROR: localhost:5000/a:1: not found')).toBe(false);
    expect(retry.readBackRetry(budget).retryOn('ERROR: localhost:5000/a:1: not found')).toBe(true);
    expect(retry.readBackRetry(budget).retryOn('ERROR: denied: requested access to the resource is denied')).toBe(
      false
    );
  });
  it('Exec waits what the failure asks for instead of the backoff, and says why', async () => {
    const results: RunResult[] = [
      {exitCode: 1, stdout: '', stderr: 'ERROR: 429 Too Many Requests'},
      {exitCode: 0, stdout: 'ok', stderr: ''}
    ];
    const once = jest.spyOn(Exec, 'once').mockImplementation(() => Promise.resolve(results.shift()!));
    const announced: [string, number][] = [];
    try {
      const r = await Exec.run('docker', ['x'], {
        retry: {
          attempts: 2,
          delayMs: () => 60_000,
          retryOn: () => true,
          waitFor: () => Promise.resolve(5),
          announce: (reason, wait) => announced.push([reason, wait])
        }
      });
      expect(r.stdout).toBe('ok');
    } finally {
      once.mockRestore();
    }
    expect(announced).toEqual([['ERROR: 429 Too Many Requests (the registry asks to wait: Retry-After)', 5]]);
  });
});
