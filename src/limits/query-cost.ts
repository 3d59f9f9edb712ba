import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** What one item of message text (or a JSON value) costs: it may be 100,000 characters. */
export const TEXT_COST = 100;
/** The page size assumed when a paged field is asked without first/last (the largest default). */
const DEFAULT_PAGE = 50;
/** A larger first/last is refused by the field itself, with a clearer error. */
const MAX_PAGE = 500;

/** Fields that hold message text; every JSON field counts as text too. */
const TEXT_FIELDS = new Set(['Message.text', 'TextPart.text', 'ReasoningPart.text']);

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Each fragment's cost, computed once (spreads of spreads would otherwise multiply). */
  fragmentCosts: Map<string, number>;
}

function intArg(node: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!node) return null;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/** How many times a field's selection is resolved: its page size when it is paged. */
function multiplier(
  field: GraphQLField<unknown, unknown>,
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
): number {
  if (!field.args.some((a) => a.name === 'first' || a.name === 'last')) return 1;
  const given = (name: string) => intArg(args.find((a) => a.name.value === name)?.value, variables);
  const size = given('first') ?? given('last') ?? DEFAULT_PAGE;
  return Math.min(Math.max(size, 1), MAX_PAGE);
}

function selectionCost(
  walk: Walk,
  type: GraphQLNamedType,
  set: SelectionSetNode,
  depth: number,
): number {
  if (depth > 64) return 0; // GraphQL Armor's depth limit refuses far less
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const field =
        isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
      if (!field) {
        cost += 1; // __typename, or introspection (refused elsewhere when it must be)
        continue;
      }
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        const text = named.name === 'JSON' || TEXT_FIELDS.has(`${type.name}.${name}`);
        cost += text ? TEXT_COST : 1;
      } else if (selection.selectionSet) {
        const inner = selectionCost(walk, named, selection.selectionSet, depth + 1);
        cost += 1 + multiplier(field, selection.arguments ?? [], walk.variables) * inner;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : type;
      if (on) cost += selectionCost(walk, on, selection.selectionSet, depth + 1);
    } else {
      const name = selection.name.value;
      let known = walk.fragmentCosts.get(name);
      if (known === undefined) {
        const fragment = walk.fragments[name];
        const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
        walk.fragmentCosts.set(name, 0); // a cycle (refused by validation) counts nothing
        known = fragment && on ? selectionCost(walk, on, fragment.selectionSet, depth + 1) : 0;
        walk.fragmentCosts.set(name, known);
      }
      cost += known;
    }
  }
  return cost;
}

/**
 * The static cost of the operation about to run, with its variables: every field 1, message
 * text and JSON values TEXT_COST, and what is under a paged field times its page size (first or
 * last, 50 when absent). So 20 aliases of 500 messages' text cost about a million, one page of
 * 30 messages as the web page loads them some 15,000.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  }
  const walk = { schema, fragments, variables: variables ?? {}, fragmentCosts: new Map() };
  return selectionCost(walk, root, operation.selectionSet, 0);
}
