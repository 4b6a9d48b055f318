import { parseRetryAfter, readFailure } from '../../nodes/shared/transport';

/**
 * The shapes n8n hands a failed request on in. The node tests cover n8n 2.x's for real; n8n 1.x
 * (proven in the end-to-end suite on 1.123) drops the response and its cause, keeping only the
 * status and the body.
 */
describe('readFailure', () => {
	test('n8n 2.x: the status, body and Retry-After come from the cause', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'Request failed',
				httpCode: '409',
				cause: {
					message: 'Request failed with status code 409',
					response: {
						status: 409,
						data: { Message: 'Too many requests' },
						headers: { 'retry-after': '2' },
					},
				},
			}),
		).toEqual({ status: 409, data: { Message: 'Too many requests' }, retryAfterMs: 2000 });
	});

	test('n8n 1.x: the status and body come from httpCode and context.data', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'The resource you are requesting could not be found',
				httpCode: '404',
				context: { data: { Message: 'WebHook not found' } },
			}),
		).toEqual({ status: 404, data: { Message: 'WebHook not found' } });
	});

	test.each([
		[
			{
				name: 'NodeApiError',
				message: 'x',
				cause: {
					name: 'NexudusLoginError',
					message: 'Nexudus login failed: the email or password is incorrect',
				},
			},
		],
		[
			{
				name: 'NodeApiError',
				message: 'Nexudus login failed: the email or password is incorrect',
				httpCode: null,
			},
		],
	])('a failed login keeps its own words on either line (%#)', (error) => {
		expect(readFailure(error)).toEqual({
			loginMessage: 'Nexudus login failed: the email or password is incorrect',
		});
	});

	test('no answer at all is a network failure with its code', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'The service refused the connection',
				httpCode: null,
				cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
			}),
		).toEqual({ networkCode: 'ECONNREFUSED', networkDetail: 'connect ECONNREFUSED 127.0.0.1:1' });
	});
});

describe('parseRetryAfter', () => {
	test.each([
		['3', 3000],
		[5, 5000],
		['0', 0],
		['1000', 65000],
		['soon', undefined],
		[undefined, undefined],
	])('%j → %j ms', (header, expected) => {
		expect(parseRetryAfter(header)).toBe(expected);
	});

	test('an HTTP date is the time until then', () => {
		const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
		expect(parseRetryAfter(inTwoSeconds)).toBeGreaterThan(1000);
		expect(parseRetryAfter(inTwoSeconds)).toBeLessThanOrEqual(2500);
	});
});
