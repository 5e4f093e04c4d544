/** dbt's node selection language: parse once, evaluate anywhere (API, CLI, Temporal sandbox, browser). */
export { SelectorError, type SelectorErrorCode } from './errors';
export { fnmatch } from './fnmatch';
export { DEFAULT_INCLUDES, defaultMethod, parseCriterion, parseSelection, parseUnion, type SelectorResolver } from './parse';
export {
  describeSpec,
  INDIRECT_SELECTIONS,
  isMethodName,
  METHOD_NAMES,
  type IndirectSelection,
  type MethodName,
  type SelectionCriteria,
  type SelectionGroup,
  type SelectionSpec,
} from './spec';
export { LS_ALL_RESOURCE_TYPES, LS_DEFAULT_RESOURCE_TYPES, selectionSpec, selectNodes, selectWithSpec, type SelectNodesOptions } from './select';
export { STATE_CHECKS, type SelectionState, type StateCheck } from './state';
export { buildUniverse, type SelectionGraph, type SelectionUniverse } from './universe';
export { defaultYamlSelector, parseYamlSelector } from './yaml';
