import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { entityNamed } from '../../shared/catalogue';
import type { Target } from '../generic/checks';
import { pairInputs, typedInputs } from '../generic/inputs';
import * as generic from '../generic/operations';
import { OTHER_RECORD, otherRecordTarget } from '../generic/otherRecord';
import { shapeOutput } from '../generic/output';
import { RESOURCES } from '../resources';
import * as webHook from './webhook';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

const GENERIC_OPERATIONS: Record<string, generic.GenericOperation> = {
	get: generic.get,
	getAll: generic.getAll,
	create: generic.create,
	update: generic.update,
	delete: generic.delete,
	runCommand: generic.runCommand,
};

/** A first-class resource: its catalogue entry, read once, and its typed form fields. */
const firstClass = new Map(
	RESOURCES.map((definition) => {
		const target: Target = {
			entity: entityNamed(definition.entity),
			label: definition.label,
			childKinds: definition.childKinds,
		};
		return [definition.value, { definition, target, inputs: typedInputs(definition) }];
	}),
);

/** WebHook keeps its own operations; every other resource runs the generic ones. */
function findOperation(resource: string, operation: string): Operation | undefined {
	if (resource === 'webHook') {
		return (webHook.operations as Record<string, { execute: Operation }>)[operation]?.execute;
	}
	const run = GENERIC_OPERATIONS[operation];
	if (!run) return undefined;
	if (resource === OTHER_RECORD) {
		return async function (this: IExecuteFunctions, itemIndex: number) {
			const target = { ...otherRecordTarget(this, itemIndex), timeZone: this.getTimezone() };
			return await run.call(this, itemIndex, target, pairInputs);
		};
	}
	const resolved = firstClass.get(resource);
	if (!resolved) return undefined;
	return async function (this: IExecuteFunctions, itemIndex: number) {
		const target = { ...resolved.target, timeZone: this.getTimezone() };
		const result = await run.call(this, itemIndex, target, resolved.inputs);
		return shapeOutput(this, itemIndex, resolved.definition, operation, result);
	};
}

/** Runs the chosen operation once per input item; each output item points back to its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = findOperation(resource, operation);
			if (!run) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const result = await run.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw asNodeError(this, error, itemIndex);
		}
	}

	return [returnData];
}

/** Errors keep their own class; anything unexpected gets the item it failed on. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
