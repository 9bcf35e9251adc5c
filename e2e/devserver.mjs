// devserver.mjs — for working on the UI without rebuilding the binary:
// serves crates/server/ui/ from disk (with the server's CSP) and forwards
// /api/ to a running `sitrep serve`.
// usage: node e2e/devserver.mjs http://127.0.0.1:8080 [port=8090]
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const api = new URL(process.argv[2] || 'http://127.0.0.1:8080');
const port = Number(process.argv[3] || 8090);
const ui = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../crates/server/ui');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

http.createServer(async (req, res) => {
  if (req.url.startsWith('/api/')) {
    const up = http.request({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    return;
  }
  const rel = req.url.split('?')[0].replace(/^\/+/, '') || 'index.html';
  const file = path.join(ui, path.normalize(rel));
  if (!file.startsWith(ui)) { res.writeHead(403); res.end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404); res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`ui from ${ui} at http://127.0.0.1:${port}/, api ${api.href}`));
