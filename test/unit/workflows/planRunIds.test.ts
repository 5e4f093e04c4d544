import { searchAttributeKeys } from '../../../temporal/searchAttributes';
import { runSearchAttributes } from '../../../workflows/planRunDefinitions';
import { planRunUrl, planRunWorkflowId } from '../../../workflows/planRunTypes';

it('the workflow upserts the same search attributes the worker registers', () => {
  expect(Object.fromEntries(Object.entries(runSearchAttributes).map(([k, v]) => [k, [v.name, v.type]]))).toEqual(
    Object.fromEntries(Object.entries(searchAttributeKeys).map(([k, v]) => [k, [v.name, v.type]])),
  );
});

it('names a run run/<project>/<run> and links it to the Temporal Web UI', () => {
  expect(planRunWorkflowId('p1', 'r1')).toBe('run/p1/r1');
  expect(planRunUrl({ uiUrl: 'http://localhost:8233/', namespace: 'default' }, 'p1', 'r1')).toBe('http://localhost:8233/namespaces/default/workflows/run%2Fp1%2Fr1');
});
