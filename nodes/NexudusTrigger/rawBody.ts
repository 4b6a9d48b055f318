/** What n8n adds to the express request of a delivery. */
interface N8nRequest {
	rawBody?: Buffer;
	/** n8n's own reader: applies its payload size limit and gzip/deflate, then sets rawBody. */
	readRawBody?: () => Promise<void>;
}

/**
 * Makes sure `request.rawBody` holds the body as sent, which the signature is computed over.
 * For a version-1 start node n8n reads every body before webhook(); from version 2 on only JSON,
 * XML, form and plain-text ones, so a delivery sent with any other content type is read here.
 */
export async function readRawBody(request: { rawBody?: Buffer }): Promise<void> {
	const n8nRequest = request as N8nRequest;
	if (n8nRequest.rawBody === undefined) await n8nRequest.readRawBody?.();
}
