#!/usr/bin/env node
// A fault-injecting HTTP proxy for the S3 calls of the tests: it sits in front of s3rver on
// 127.0.0.1 and forwards every request as it is (the Host header too, so SigV4 signatures still
// match), except the ones a test has scheduled a fault for. No dependencies beyond Node itself.
//
//   node tests/FaultProxy/proxy.js --target http://127.0.0.1:<s3rver port> [--port 0] [--parent-pid N]
//
// The first line on stdout is exactly "Listening on http://127.0.0.1:<port>". See README.md.
'use strict';

const http = require('http');
const crypto = require('crypto');

const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

const target = new URL(arg('--target', ''));
if (target.protocol !== 'http:') {
  console.error('--target http://127.0.0.1:<port> is required');
  process.exit(2);
}
const port = Number(arg('--port', '0'));
const parentPid = Number(arg('--parent-pid', '0'));

const KINDS = new Set(['http500', 'slowDown', 'throttle', 'resetBefore', 'resetAfter', 'delay', 'truncate', 'body']);
let faults = [];
let log = [];

// The S3 operation a request is, from its method, path and query (path-style addressing).
function operationOf(method, url) {
  const u = new URL(url, 'http://x');
  const q = u.searchParams;
  const parts = u.pathname.split('/').filter((p) => p.length > 0);
  const onObject = parts.length > 1;
  if (parts.length === 0) return method === 'GET' ? 'ListBuckets' : 'Unknown';
  if (!onObject) {
    if (method === 'GET') return q.has('list-type') ? 'ListObjectsV2' : q.has('location') ? 'GetBucketLocation' : 'ListObjects';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'POST' && q.has('delete')) return 'DeleteObjects';
    return method === 'PUT' ? 'CreateBucket' : method === 'DELETE' ? 'DeleteBucket' : 'Unknown';
  }
  if (method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'PUT' && q.has('partNumber')) return 'UploadPart';
  if (method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload';
  if (method === 'GET' && q.has('uploadId')) return 'ListParts';
  if (q.has('tagging')) return method === 'GET' ? 'GetObjectTagging' : method === 'PUT' ? 'PutObjectTagging' : 'DeleteObjectTagging';
  if (method === 'PUT') return 'PutObject';
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'DELETE') return 'DeleteObject';
  return 'Unknown';
}

function takeFault(operation) {
  const f = faults.find((x) => x.times > 0 && (x.operation === '*' || x.operation === operation));
  if (!f) return null;
  f.times -= 1;
  faults = faults.filter((x) => x.times > 0);
  return { ...f };
}

function s3Error(res, status, code, message, method) {
  const id = crypto.randomBytes(8).toString('hex').toUpperCase();
  const body = method === 'HEAD' ? '' :
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body), 'x-amz-request-id': id, Date: new Date().toUTCString() });
  res.end(body);
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

// Forwards the request to the target; resolves with the whole upstream answer.
function forward(req, body) {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    const upstream = http.request({
      host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false,
    }, async (answer) => {
      try {
        resolve({ status: answer.statusCode, headers: answer.headers, body: await readAll(answer) });
      } catch (e) {
        reject(e);
      }
    });
    upstream.on('error', reject);
    upstream.setTimeout(60000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.end(body);
  });
}

function control(req, res, body) {
  const reply = (status, value) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const path = new URL(req.url, 'http://x').pathname;
  try {
    if (req.method === 'GET' && path === '/_proxy/health') return reply(200, 'ok');
    if (req.method === 'POST' && path === '/_proxy/reset') { faults = []; log = []; return reply(200, { reset: true }); }
    if (req.method === 'GET' && path === '/_proxy/faults') return reply(200, faults);
    if (req.method === 'GET' && path === '/_proxy/requests') return reply(200, log);
    if (req.method === 'POST' && path === '/_proxy/faults') {
      const parsed = JSON.parse(body.toString('utf8') || '[]');
      const entries = Array.isArray(parsed) ? parsed : [parsed];
      const added = entries.map((f) => ({
        operation: f.operation || '*',
        kind: f.kind || 'http500',
        times: Number.isInteger(f.times) ? f.times : 1,
        delayMs: Number.isInteger(f.delayMs) ? Math.min(Math.max(f.delayMs, 0), 600000) : 0,
        status: Number.isInteger(f.status) ? f.status : 200,
        body: typeof f.body === 'string' ? f.body : '',
        contentType: typeof f.contentType === 'string' ? f.contentType : 'application/xml',
      }));
      const bad = added.find((f) => !KINDS.has(f.kind));
      if (bad) return reply(400, { code: 'InvalidRequest', message: `Unknown fault kind '${bad.kind}'; use one of ${[...KINDS].join(', ')}.` });
      faults.push(...added.filter((f) => f.times > 0));
      return reply(200, faults);
    }
    return reply(404, { code: 'NotFound', message: `No control endpoint ${req.method} ${path}.` });
  } catch (e) {
    return reply(400, { code: 'InvalidJson', message: String(e.message || e) });
  }
}

const server = http.createServer(async (req, res) => {
  let body;
  try {
    body = await readAll(req);
  } catch {
    return;
  }
  if (req.url.startsWith('/_proxy/')) return control(req, res, body);

  const operation = operationOf(req.method, req.url);
  const fault = takeFault(operation);
  const entry = { operation, method: req.method, path: req.url, fault: fault ? fault.kind : null, status: null };
  log.push(entry);
  if (log.length > 10000) log.shift();

  try {
    if (fault) {
      switch (fault.kind) {
        case 'resetBefore': req.socket.destroy(); return;
        case 'http500': entry.status = 500; return s3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.', req.method);
        case 'slowDown': entry.status = 503; return s3Error(res, 503, 'SlowDown', 'Please reduce your request rate.', req.method);
        case 'throttle': entry.status = 400; return s3Error(res, 400, 'TooManyRequestsException', 'Too many requests. Please slow down.', req.method);
        case 'body': {
          entry.status = fault.status;
          const b = Buffer.from(fault.body, 'utf8');
          res.writeHead(fault.status, { 'Content-Type': fault.contentType, 'Content-Length': b.length, Date: new Date().toUTCString() });
          return res.end(req.method === 'HEAD' ? undefined : b);
        }
        case 'delay':
          await new Promise((r) => setTimeout(r, fault.delayMs));
          if (req.socket.destroyed) return; // the client gave up: nothing is forwarded
          break;
        default: break;
      }
    }

    const answer = await forward(req, body);
    entry.status = answer.status;
    if (fault && fault.kind === 'resetAfter') { req.socket.destroy(); return; }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    if (req.method !== 'HEAD') headers['content-length'] = answer.body.length;
    if (fault && fault.kind === 'truncate' && answer.body.length > 1 && req.method !== 'HEAD') {
      res.writeHead(answer.status, headers);
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
      return;
    }
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  } catch (e) {
    entry.status = 502;
    if (!res.headersSent) s3Error(res, 502, 'BadGateway', `The fault proxy could not reach ${target.origin}: ${e.message}`, req.method);
    else req.socket.destroy();
  }
});

server.keepAliveTimeout = 5000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`Listening on http://127.0.0.1:${server.address().port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (parentPid > 0) {
  setInterval(() => {
    try { process.kill(parentPid, 0); } catch { process.exit(0); }
  }, 1000).unref();
}
