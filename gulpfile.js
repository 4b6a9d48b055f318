const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the TypeScript; the icons and the nodes' codex files are copied beside the output.
task('build:icons', copyAssets);

function copyAssets() {
	const sources = [
		path.resolve('icons', '*.svg'),
		path.resolve('nodes', '**', '*.svg'),
		path.resolve('nodes', '**', '*.node.json'),
		path.resolve('credentials', '**', '*.svg'),
	];
	return src(sources, { base: '.', allowEmpty: true, encoding: false }).pipe(dest('dist'));
}
