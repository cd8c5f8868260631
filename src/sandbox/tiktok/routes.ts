import { Router } from 'express';
import type { SandboxContext } from '../context';

/** The fake Tiktok API (filled in by the tiktok work). */
export function createTiktokRouter(_ctx: SandboxContext): Router {
  return Router();
}
