import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { nexudusApiRequest } from '../../shared/transport';
import type { InputChecker } from '../../shared/validation';
import type { Target } from './checks';

/**
 * A command's parameters as real clients send them: `{Name, Type, Value}`, e.g.
 * `{Name: 'Payment Method', Type: 'ePaymentProvider', Value: 996}` for PAY_COWORKER_INVOICE_MANUAL.
 * A Type left empty is taken from the command's entry in `GET {path}/commands`.
 */

export interface CommandParameter {
	Name: string;
	Type: string;
	Value: string | number;
}

/** `GET {path}/commands` answers a list (or a list envelope) of `{Key, Name, Parameters}`. */
export function listedCommands(answer: unknown): IDataObject[] {
	const commands = Array.isArray(answer)
		? answer
		: ((answer as { Records?: unknown } | undefined)?.Records ?? []);
	return (Array.isArray(commands) ? commands : []).filter(
		(command): command is IDataObject =>
			command !== null &&
			typeof command === 'object' &&
			typeof (command as IDataObject).Key === 'string' &&
			(command as IDataObject).Key !== '',
	);
}

/** The types Nexudus lists for a command's parameters, by parameter name. */
async function listedTypes(
	context: IExecuteFunctions,
	target: Target,
	key: string,
	itemIndex: number,
): Promise<Map<string, string>> {
	const answer = await nexudusApiRequest.call(context, {
		method: 'GET',
		path: `${target.entity.path}/commands`,
		itemIndex,
	});
	const command = listedCommands(answer).find((candidate) => candidate.Key === key);
	const parameters = Array.isArray(command?.Parameters)
		? (command.Parameters as IDataObject[])
		: [];
	return new Map(
		parameters
			.filter(
				(parameter) => typeof parameter.Name === 'string' && typeof parameter.Type === 'string',
			)
			.map((parameter) => [parameter.Name as string, parameter.Type as string]),
	);
}

/** A Nexudus enum type (`ePaymentProvider`) takes the value's number, as real clients send it. */
const isEnumType = (type: string) => /^e[A-Z]/.test(type);

export async function commandParameters(
	context: IExecuteFunctions,
	check: InputChecker,
	target: Target,
	key: string,
	itemIndex: number,
): Promise<CommandParameter[]> {
	const given =
		(
			context.getNodeParameter('commandParameters', itemIndex, {}) as {
				parameter?: Array<{ name?: unknown; type?: unknown; value?: unknown }>;
			}
		).parameter ?? [];
	const named = given.map((parameter, index) => ({
		label: `Parameters item ${index + 1}`,
		Name: check.name(`Parameters item ${index + 1} > Name`, parameter.name),
		type: String(parameter.type ?? '').trim(),
		value: parameter.value,
	}));
	const listed = named.some((parameter) => parameter.type === '')
		? await listedTypes(context, target, key, itemIndex)
		: new Map<string, string>();
	return named.map(({ label, Name, type, value }) => {
		const Type = type || listed.get(Name);
		if (!Type) {
			check.fail(
				`${label} > Type`,
				`Nexudus lists no parameter "${Name}" for the command ${key}: check the name, or give its type (e.g. ePaymentProvider, Boolean, String)`,
			);
		}
		const text = value === null || value === undefined ? '' : String(value).trim();
		const Value = isEnumType(Type) && /^-?[0-9]+$/.test(text) ? Number(text) : String(value ?? '');
		return { Name, Type, Value };
	});
}
