// A tiny static file server for the browser tests and benches: serves one folder on 127.0.0.1 at a
// free port, GET and HEAD only, no listing, nothing outside the folder. `await serve(root)` gives
// { url, close }; `blockOutside(page, url)` makes the page fail every request that is not to it.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
};

export function serve(root) {
    const base = path.resolve(root);
    const server = http.createServer(async (req, res) => {
        const url = new URL(req.url, 'http://localhost');
        let rel = decodeURIComponent(url.pathname);
        if (rel.endsWith('/'))
            rel += 'index.html';
        const file = path.resolve(base, '.' + rel);
        if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(base + path.sep)) {
            res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405).end();
            return;
        }
        try {
            const body = await readFile(file);
            res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                                 'Cache-Control': 'no-store' });
            res.end(req.method === 'HEAD' ? undefined : body);
        } catch {
            res.writeHead(404).end();
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
        });
    });
}

/* Abort every request of `page` that does not go to `allowed` (a URL prefix), and count them. */
export async function blockOutside(page, allowed) {
    const blocked = [];
    await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(allowed) || url.startsWith('data:'))
            return route.continue();
        blocked.push(url);
        return route.abort();
    });
    return blocked;
}
