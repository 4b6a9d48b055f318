/** The end-to-end suite: a real n8n server with this package loaded, and the fake Nexudus. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// The first run on a machine installs n8n into the per-user runtime cache (minutes); later runs start it in ~15 s.
	testTimeout: 180000,
	maxWorkers: 1,
};
