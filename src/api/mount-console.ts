import express from 'express';
import type { Express, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { consoleDistDir } from '../console-build/console-dir';

const CONSOLE_CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = '<!doctype html><html lang="en"><meta charset="utf-8"><title>LiveCue console</title><main><h1>The console is not built</h1><p>Run <code>npm run build:console</code> (or <code>npm run build</code>) and reload.</p></main></html>';

/**
 * `/console`: the organizer console's built files (dist/console, from `npm run build:console`),
 * and index.html for every other `/console/*` path so the app's own routes open directly. The page
 * is a client of the public API: it signs in with the session cookie like any browser.
 */
export function mountConsole(app: Express, dir: string = consoleDistDir()): void {
  app.use('/console/assets', express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }));
  app.get(['/console', '/console/*splat'], (_req: Request, res: Response) => {
    const index = path.join(dir, 'index.html');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.type('html').send(readFileSync(index, 'utf8'));
  });
}
