/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 30000,
	// Nexudus's rate limits on a 60x faster clock, so the suite is not paced at 120 requests a minute.
	setupFiles: ['<rootDir>/test/unit/setup/fastRateLimits.ts'],
};
