/**
 * A scripted HTTP proxy in front of the lab registry, for fault injection: each rule matches requests by method
 * and path and answers a status (with optional headers) instead of the registry, for its first `times` matches
 * (or every time). Requests and injected faults are counted.
 */
import * as http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface FaultRule {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  /** How many matching requests get the fault; unlimited when unset. */
  times?: number;
  /** Start faulting only after this many matching requests went through. */
  after?: number;
  /** Instead of answering, drop the connection (the client sees a reset / EOF); `status` is then only a label. */
  reset?: boolean;
  /** Instead of answering, hold the request this long, then pass it on (a registry that stalls); `released` records
   * each stall that ran to its end (the request then went on), so a test can tell that a client did not wait for it. */
  stallMs?: number;
}

/** A rate limiter: once a request matches `trigger`, every request gets 429 with Retry-After for `seconds`. */
export interface RateLimit {
  trigger: RegExp;
  seconds: number;
}

export interface FaultProxy {
  /** `localhost:<port>`, for image references. */
  host: string;
  requests: string[];
  faults: string[];
  /** The stalled requests that were held to the end of their stall and then passed on. */
  released: string[];
  close(): Promise<void>;
}

/** Passes a request on to the lab registry (or another server on this machine: `port`). */
function forward(req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  const upstream = http.request(
    {host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers},
    r => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    }
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

/**
 * `downAfter`: once a request matching it has been answered, the registry is "down": every later request gets 503.
 * `upstream`: the port it stands in front of (the lab registry's by default; the Sigstore stand-in's for its faults).
 */
export async function startFaultProxy(
  rules: FaultRule[],
  options: {downAfter?: RegExp; rateLimit?: RateLimit; upstream?: number} = {}
): Promise<FaultProxy> {
  const port = options.upstream ?? 5000;
  const seen = rules.map(() => 0);
  let down = false;
  let limitedUntil = 0;
  const requests: string[] = [];
  const faults: string[] = [];
  const released: string[] = [];
  const server = http.createServer((req, res) => {
    const what = `${req.method} ${req.url}`;
    requests.push(what);
    if (down) {
      faults.push(`503 ${what}`);
      req.resume();
      res.writeHead(503).end();
      return;
    }
    if (options.downAfter?.test(what)) res.on('finish', () => (down = true));
    if (options.rateLimit && !limitedUntil && options.rateLimit.trigger.test(what))
      limitedUntil = Date.now() + options.rateLimit.seconds * 1000;
    const left = Math.ceil((limitedUntil - Date.now()) / 1000);
    if (left > 0) {
      faults.push(`429 ${what}`);
      req.resume();
      res.writeHead(429, {'content-type': 'application/json', 'Retry-After': String(left)});
      res.end(JSON.stringify({errors: [{code: 'TOOMANYREQUESTS', message: 'rate limited'}]}));
      return;
    }
    // every rule counts the requests it matches; the first whose window (after, times) holds this one answers it
    const matching = rules.flatMap((r, i) =>
      (!r.method || r.method === req.method) && r.path.test(req.url ?? '') ? [i] : []
    );
    for (const i of matching) seen[i]++;
    const inWindow = (i: number) => {
      const n = seen[i] - (rules[i].after ?? 0);
      return n > 0 && (rules[i].times === undefined || n <= (rules[i].times ?? 0));
    };
    const i = matching.find(inWindow);
    if (i !== undefined) {
      const rule = rules[i];
      faults.push(`${rule.reset ? 'reset' : rule.stallMs ? 'stall' : rule.status} ${what}`);
      if (rule.reset) {
        req.socket.destroy();
        return;
      }
      if (rule.stallMs) {
        const stall = setTimeout(() => {
          released.push(what);
          forward(req, res, port);
        }, rule.stallMs);
        // a client that gave up (or the proxy closing) ends the stall: nothing is left open
        res.on('close', () => clearTimeout(stall));
        return;
      }
      req.resume();
      const code = rule.status === 404 ? 'MANIFEST_UNKNOWN' : 'UNAVAILABLE';
      res.writeHead(rule.status, {'content-type': 'application/json', ...rule.headers});
      res.end(JSON.stringify({errors: [{code, message: `injected ${rule.status}`}]}));
      return;
    }
    forward(req, res, port);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `localhost:${(server.address() as AddressInfo).port}`,
    requests,
    faults,
    released,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
