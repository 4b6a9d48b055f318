/**
 * Read-modify-write of one record, one at a time within this n8n process: two executions (or
 * two items) updating the same record never both read it before either writes. Module state,
 * like the pacer; other processes (queue-mode workers) are not covered.
 */

const queues = new Map<string, Promise<void>>();

/** Runs `work` once every earlier holder of `key` has finished (successfully or not). */
export async function withRecordLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	let release = () => {};
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	queues.set(key, tail);
	await previous;
	try {
		return await work();
	} finally {
		release();
		if (queues.get(key) === tail) queues.delete(key);
	}
}
