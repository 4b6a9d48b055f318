import type { IWebhookFunctions } from 'n8n-workflow';

import { SIGNATURE_HEADER } from './signature';

/** A node logs its first refused signature, then at most one a minute. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** When each node (its webhook id, else workflow id and node name) last logged a refusal here. */
const lastLogged = new Map<string, number>();

/**
 * Logs a delivery refused for its signature, so a wrong Webhook Secret shows in n8n's log long
 * before Nexudus disables the webhook after 10 refusals. Says whether the header was missing or
 * did not match; never the header, the body or the secret. Answers whether it logged.
 */
export function logRefusedSignature(
	context: IWebhookFunctions,
	received: unknown,
	now = performance.now(),
): boolean {
	const workflow = context.getWorkflow();
	const { name: node, webhookId } = context.getNode();
	const key = webhookId ?? `${workflow.id ?? ''}\u0000${node}`;
	const last = lastLogged.get(key);
	if (last !== undefined && now - last < REFUSAL_LOG_INTERVAL_MS) return false;
	lastLogged.set(key, now);
	const missing = typeof received !== 'string' || received.trim() === '';
	context.logger.warn(
		missing
			? `Nexudus Trigger: refused a delivery without the ${SIGNATURE_HEADER} header. The credential has a Webhook Secret, so only signed deliveries are accepted: if Nexudus sends them unsigned, the webhook was not created by the Nexudus app whose secret the credential holds (or clear the secret, or switch Verify Signature off). Nexudus disables a webhook after 10 refused deliveries.`
			: `Nexudus Trigger: refused a delivery whose ${SIGNATURE_HEADER} header does not match the credential's Webhook Secret. Check that the credential holds the shared secret of the Nexudus app that created the webhook. Nexudus disables a webhook after 10 refused deliveries.`,
		{ workflowId: workflow.id, node },
	);
	return true;
}
