export { checkHookAddress, checkHookUrl } from './check-hook-url';
export type { HookUrlPolicy, ResolvedAddress, ResolveHost } from './check-hook-url';
export { createEvent, createEventId, WEBHOOK_EVENT_TYPES } from './create-event';
export type { CreateEventInput, WebhookEvent, WebhookEventType } from './create-event';
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  deliverWebhook,
  isRetryableStatus,
  parseRetryAfter,
} from './deliver-webhook';
export type { DeliverWebhookDeps, DeliveryResult, WebhookTarget } from './deliver-webhook';
export { createGuardedLookup } from './guarded-lookup';
export { HookRefusedError } from './hook-refused-error';
export { signPayload, verifySignature } from './sign-payload';
export { WebhookDeliveryError } from './webhook-delivery-error';
export type { WebhookDeliveryErrorInit, WebhookFailureKind } from './webhook-delivery-error';
