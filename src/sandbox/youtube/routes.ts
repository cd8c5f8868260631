import { Router } from 'express';
import type { SandboxContext } from '../context';

/** The fake Youtube API (filled in by the youtube work). */
export function createYoutubeRouter(_ctx: SandboxContext): Router {
  return Router();
}
