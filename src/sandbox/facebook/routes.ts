import { Router } from 'express';
import type { SandboxContext } from '../context';

/** The fake Facebook API (filled in by the facebook work). */
export function createFacebookRouter(_ctx: SandboxContext): Router {
  return Router();
}
