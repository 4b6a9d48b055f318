import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { monotonicNow } from '../shared/clock';
import { CREDENTIAL_NAME } from '../shared/transport';

/**
 * How long a webhook secret read from the credential is used before it is read again, so an
 * edited secret applies to deliveries at most this long after it was saved. Measured on the
 * monotonic clock: a wall clock stepped back must not keep an edited-away secret for longer.
 */
export const SECRET_TTL_MS = 60_000;

/**
 * Webhook secrets by credential id, in this n8n process's memory only (never in static data,
 * which n8n stores in plain text). Reading the credential costs n8n an expression isolate per
 * call, which dominated a delivery's cost; the cache saves it for all but one delivery per TTL.
 * It holds the read itself, so deliveries arriving together while it runs share one read.
 */
const secrets = new Map<string, { secret: Promise<string>; expiresAt: number }>();

type CredentialContext = IHookFunctions | IWebhookFunctions;

function credentialIdOf(context: CredentialContext): string | undefined {
	return context.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? undefined;
}

async function readSecret(context: CredentialContext, id: string | undefined): Promise<string> {
	const secret = context
		.getCredentials(CREDENTIAL_NAME)
		.then((credentials) => (credentials.webhookSecret as string | undefined) ?? '');
	if (id !== undefined) {
		// The TTL counts from the start of the read, so a secret saved later is never held longer.
		const entry = { secret, expiresAt: monotonicNow() + SECRET_TTL_MS };
		secrets.set(id, entry);
		// A failed read is not kept: the next delivery reads again.
		void secret.catch(() => secrets.get(id) === entry && secrets.delete(id));
	}
	return await secret;
}

/**
 * The credential's webhook secret ('' when none is set). Read from the credential when this
 * process holds no fresh copy: after the TTL, and in a process that did not activate the
 * workflow (n8n's queue and multi-main modes run webhooks in other processes).
 */
export async function webhookSecret(context: CredentialContext): Promise<string> {
	const id = credentialIdOf(context);
	const cached = id === undefined ? undefined : secrets.get(id);
	if (cached && cached.expiresAt > monotonicNow()) return await cached.secret;
	return await readSecret(context, id);
}

/**
 * Reads the secret now (at activation), so the first deliveries find it in memory; not when
 * the node does not check signatures, as its deliveries never ask for it.
 */
export async function primeWebhookSecret(context: CredentialContext): Promise<void> {
	const options = context.getNodeParameter('options', {}) as { verifySignature?: boolean };
	if (options.verifySignature === false) return;
	await readSecret(context, credentialIdOf(context));
}

/** Drops this process's copy (at deactivation). */
export function forgetWebhookSecret(context: CredentialContext): void {
	const id = credentialIdOf(context);
	if (id !== undefined) secrets.delete(id);
}
