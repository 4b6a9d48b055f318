import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/**
 * What n8n keeps of a node's saved parameters (`NodeHelpers.getNodeParameters`): on save and run
 * without defaults, in the editor with them. A value whose option n8n does not display is dropped.
 */
export function keptByN8n(
	description: INodeTypeDescription,
	parameters: INodeParameters,
	returnDefaults: boolean,
): INodeParameters {
	const node: INode = {
		id: 'saved',
		name: 'Saved Nexudus',
		type: 'n8n-nodes-nexudus.nexudus',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		returnDefaults,
		false,
		node,
		description,
	)!;
}
