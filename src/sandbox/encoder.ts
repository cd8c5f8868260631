import { z } from 'zod';
import type { SandboxState } from './state';
import { encoderStreamOf } from './youtube/lifecycle';

/** `POST /__sandbox/encoder` body (api.md "On-air guard", sandbox). */
export const encoderCommandSchema = z.strictObject({
  platform: z.enum(['facebook', 'youtube']),
  liveId: z.string().min(1).optional(),
  state: z.enum(['on', 'off', 'auto']),
});
export type EncoderCommand = z.infer<typeof encoderCommandSchema>;

/**
 * Force the simulated encoder of one live (Facebook live id, YouTube broadcast id: its bound
 * stream, or the channel's reusable one while unbound), or of every live of the platform without
 * `liveId`. Returns how many were set.
 */
export function forceEncoder(state: SandboxState, command: EncoderCommand): number {
  return FORCE_ENCODER[command.platform](state, command);
}

/** Facebook feeds a live video directly; YouTube feeds the stream bound to a broadcast. */
const FORCE_ENCODER: Record<EncoderCommand['platform'], (state: SandboxState, command: EncoderCommand) => number> = {
  facebook: (state, command) => {
    const lives = state.facebook.lives.filter((l) => command.liveId === undefined || l.id === command.liveId);
    for (const live of lives) live.encoder = command.state;
    return lives.length;
  },
  youtube: forceYoutubeEncoder,
};

/** A broadcast's encoder feeds its bound stream, or the channel's reusable one while unbound (`encoderStreamOf`). */
function forceYoutubeEncoder(state: SandboxState, command: EncoderCommand): number {
  const broadcasts = state.youtube.broadcasts.filter((b) => b.id === command.liveId);
  const streams = state.youtube.streams.filter((s) => command.liveId === undefined || broadcasts.some((b) => encoderStreamOf(b, s)));
  for (const stream of streams) stream.encoder = command.state;
  return streams.length;
}
