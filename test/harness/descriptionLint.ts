import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/**
 * n8n's UX guidelines for parameters, read the way its lint reads them, applied to a serialised
 * node description (n8n's ESLint rules only see literal properties, not generated ones):
 * yes/no parameters start "Whether", display names are in Title Case, descriptions are in
 * sentence case and no parameter is left without help.
 */

export type LintRule = 'boolean-whether' | 'title-case' | 'sentence-case' | 'empty-help';

export interface LintProblem {
	rule: LintRule;
	/** Where the parameter sits: `additionalFields > Notes`. */
	path: string;
	text: string;
}

// Words n8n's Title Case (the `title-case` package its lint uses) keeps in lower case.
const SMALL_WORDS = new Set(
	'a an and as at but by en for from if in nor of on or per the to v vs via with'.split(' '),
);

export function isTitleCase(name: string): boolean {
	return name.split(/\s+/).every((word, index) => {
		const letters = word.replace(/^[("'[]+/, '');
		if (letters === '' || !/^[a-z]/.test(letters)) return true;
		return index > 0 && SMALL_WORDS.has(letters.replace(/[)\]"',:.]+$/, ''));
	});
}

export function isSentenceCase(text: string): boolean {
	const first = text.replace(/^[("'[]+/, '')[0] ?? '';
	return !/[a-z]/.test(first);
}

function lintOne(property: INodeProperties, path: string, problems: LintProblem[]) {
	const where = path ? `${path} > ${property.name}` : property.name;
	if (property.type === 'notice' || property.type === 'callout') return;
	const description = (property.description ?? '').trim();
	if (!isTitleCase(property.displayName)) {
		problems.push({ rule: 'title-case', path: where, text: property.displayName });
	}
	// Resource and Operation are described by their options.
	if (description === '' && !['resource', 'operation'].includes(property.name)) {
		problems.push({ rule: 'empty-help', path: where, text: property.displayName });
	} else if (description !== '' && !isSentenceCase(description)) {
		problems.push({ rule: 'sentence-case', path: where, text: description });
	}
	if (property.type === 'boolean' && !description.startsWith('Whether')) {
		problems.push({ rule: 'boolean-whether', path: where, text: description });
	}
	for (const option of property.options ?? []) {
		if ('displayName' in option && 'type' in option) {
			lintOne(option as INodeProperties, where, problems);
		} else if ('values' in option) {
			for (const value of (option as INodePropertyCollection).values) {
				lintOne(value, `${where} > ${option.name}`, problems);
			}
		}
	}
}

/** Every problem in a node's parameters, collections and fixed collections included. */
export function lintDescription(properties: INodeProperties[]): LintProblem[] {
	const problems: LintProblem[] = [];
	for (const property of properties) lintOne(property, '', problems);
	return problems;
}

export function countByRule(problems: LintProblem[]): Record<LintRule, number> {
	const counts: Record<LintRule, number> = {
		'boolean-whether': 0,
		'title-case': 0,
		'sentence-case': 0,
		'empty-help': 0,
	};
	for (const problem of problems) counts[problem.rule]++;
	return counts;
}

/** How many yes/no parameters there are, and how many start "Whether". */
export function booleanCounts(properties: INodeProperties[]): { total: number; whether: number } {
	let total = 0;
	let whether = 0;
	const visit = (property: INodeProperties) => {
		if (property.type === 'boolean') {
			total++;
			if ((property.description ?? '').startsWith('Whether')) whether++;
		}
		for (const option of property.options ?? []) {
			if ('displayName' in option && 'type' in option) visit(option as INodeProperties);
			else if ('values' in option) (option as INodePropertyCollection).values.forEach(visit);
		}
	};
	properties.forEach(visit);
	return { total, whether };
}
