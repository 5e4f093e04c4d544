import { testDatabaseIds } from '../store/testDatabases';
import { call, expectProblem, startTestApi, type TestApi } from './harness';
import { countRows, setupProject, tokenFor } from './plansSupport';

describe.each(testDatabaseIds)('API canvas on %s', (dbId) => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi(dbId); });
  afterAll(async () => { await api.close(); });

  it('appends edits, folds them into the current state, undoes and redoes, per user', async () => {
    const p = await setupProject(api, 'canvas-happy');
    const canvas = `${p.base}/canvas`;
    const empty = await call(api, 'GET', canvas, { token: p.token });
    expect(empty.body).toEqual({ state: { positions: {}, viewport: null, grouping: 'package', collapsed: [], groups: {}, showTests: false }, seq: 0, canUndo: false, canRedo: false });

    const edited = await call(api, 'POST', `${canvas}/events`, {
      token: p.token,
      json: { actions: [
        { type: 'move', id: 'model.a', x: 10, y: 20 },
        { type: 'viewport', viewport: { x: 1, y: 2, zoom: 1.5 } },
        { type: 'create_group', name: 'core', members: ['model.b', 'model.a', 'model.a'] },
        { type: 'collapse', keys: ['pkg'] },
      ] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.state).toEqual({ positions: { 'model.a': { x: 10, y: 20 } }, viewport: { x: 1, y: 2, zoom: 1.5 }, grouping: 'package', collapsed: ['pkg'], groups: { core: ['model.a', 'model.b'] }, showTests: false });
    expect(edited.body).toMatchObject({ canUndo: true, canRedo: false });

    const undone = await call(api, 'POST', `${canvas}/undo`, { token: p.token });
    expect(undone.body.state).toMatchObject({ collapsed: [], groups: { core: ['model.a', 'model.b'] }, viewport: { x: 1, y: 2, zoom: 1.5 } });
    await call(api, 'POST', `${canvas}/undo`, { token: p.token });
    const twice = await call(api, 'GET', canvas, { token: p.token });
    expect(twice.body.state).toMatchObject({ groups: {}, positions: { 'model.a': { x: 10, y: 20 } } });
    const redone = await call(api, 'POST', `${canvas}/redo`, { token: p.token });
    expect(redone.body.state.groups).toEqual({ core: ['model.a', 'model.b'] });
    expect(redone.body).toMatchObject({ canUndo: true, canRedo: true });

    const events = await call(api, 'GET', `${canvas}/events?after=4`, { token: p.token });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['undo', 'undo', 'redo']);

    // Another user of the same tenant has a canvas of their own.
    const viewer = await tokenFor(api, p.tenantId, 'viewer');
    expect((await call(api, 'GET', canvas, { token: viewer })).body.seq).toBe(0);
    expect((await call(api, 'POST', `${canvas}/events`, { token: viewer, json: { actions: [{ type: 'grouping', grouping: 'folder' }] } })).body.state.grouping).toBe('folder');
    expect((await call(api, 'GET', canvas, { token: p.token })).body.state.grouping).toBe('package');
  });

  it('stores show_tests, folds it (tests hidden until then), undoes and redoes it', async () => {
    const p = await setupProject(api, 'canvas-tests');
    const canvas = `${p.base}/canvas`;
    // A log without show_tests (as before the event existed) folds to tests hidden.
    const before = await call(api, 'POST', `${canvas}/events`, { token: p.token, json: { actions: [{ type: 'grouping', grouping: 'folder' }] } });
    expect(before.body.state.showTests).toBe(false);
    const shown = await call(api, 'POST', `${canvas}/events`, { token: p.token, json: { actions: [{ type: 'show_tests', show: true }] } });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ state: { grouping: 'folder', showTests: true }, canUndo: true, canRedo: false });
    const events = await call(api, 'GET', `${canvas}/events?after=${before.body.seq}`, { token: p.token });
    expect(events.body).toEqual([expect.objectContaining({ seq: shown.body.seq, type: 'show_tests', payload: { show: true } })]);
    expect((await call(api, 'POST', `${canvas}/undo`, { token: p.token })).body.state).toMatchObject({ grouping: 'folder', showTests: false });
    expect((await call(api, 'POST', `${canvas}/redo`, { token: p.token })).body.state.showTests).toBe(true);
    const hidden = await call(api, 'POST', `${canvas}/events`, { token: p.token, json: { actions: [{ type: 'show_tests', show: false }] } });
    expect(hidden.body).toMatchObject({ state: { showTests: false }, canRedo: false });
    const final = await call(api, 'GET', canvas, { token: p.token });
    expect(final.body).toMatchObject({ state: { grouping: 'folder', showTests: false }, seq: hidden.body.seq });
    const types = (await call(api, 'GET', `${canvas}/events`, { token: p.token })).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(['grouping', 'show_tests', 'undo', 'redo', 'show_tests']);
  });

  it('answers bad input with problem+json and stores nothing', async () => {
    const p = await setupProject(api, 'canvas-bad');
    const canvas = `${p.base}/canvas`;
    expectProblem(await call(api, 'POST', `${canvas}/undo`, { token: p.token }), 409, 'conflict/nothing-to-undo');
    expectProblem(await call(api, 'POST', `${canvas}/redo`, { token: p.token }), 409, 'conflict/nothing-to-redo');
    const bad: unknown[] = [
      { actions: [] },
      { actions: [{ type: 'move', id: 'a', x: 1, y: 2 }, { type: 'move', id: 'a', x: 'far', y: 2 }] },
      { actions: [{ type: 'teleport' }] },
      { actions: [{ type: 'undo' }] },
      { actions: [{ type: 'move', id: 'a', x: 1, y: 2, extra: true }] },
      { actions: [{ type: 'viewport', viewport: { x: 0, y: 0, zoom: 0 } }] },
      { actions: [{ type: 'grouping', grouping: 'random' }] },
      { actions: [{ type: 'show_tests' }] },
      { actions: [{ type: 'show_tests', show: 'yes' }] },
      { something: 'else' },
    ];
    for (const json of bad) {
      const res = await call(api, 'POST', `${canvas}/events`, { token: p.token, json });
      expect({ json, status: res.status }).toEqual({ json, status: 400 });
      expectProblem(res, 400, 'invalid-input');
    }
    expectProblem(await call(api, 'GET', `${canvas}/events?after=-1`, { token: p.token }), 400, 'invalid-input');
    expect(await countRows(api, 'canvas_events', p.tenantId)).toBe(0);
  });

  it('never crosses tenants', async () => {
    const a = await setupProject(api, 'canvas-a');
    const b = await setupProject(api, 'canvas-b');
    await call(api, 'POST', `${a.base}/canvas/events`, { token: a.token, json: { actions: [{ type: 'reset_positions' }, { type: 'move', id: 'x', x: 0, y: 0 }] } });
    const move = { actions: [{ type: 'move', id: 'x', x: 1, y: 1 }] };
    const bOnA = `/api/v1/tenants/${b.tenantId}/projects/${a.projectId}/canvas`;
    const denied: Array<[string, string, unknown?]> = [
      ['GET', `${a.base}/canvas`], ['GET', `${a.base}/canvas/events`], ['POST', `${a.base}/canvas/events`, move],
      ['POST', `${a.base}/canvas/undo`], ['POST', `${a.base}/canvas/redo`],
      ['GET', bOnA], ['GET', `${bOnA}/events`], ['POST', `${bOnA}/events`, move], ['POST', `${bOnA}/undo`], ['POST', `${bOnA}/redo`],
    ];
    for (const [method, path, json] of denied) {
      const res = await call(api, method, path, { token: b.token, json });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expectProblem(res, 404, 'not-found');
    }
    expect(await countRows(api, 'canvas_events', b.tenantId)).toBe(0);
    expect((await call(api, 'GET', `${a.base}/canvas`, { token: a.token })).body.seq).toBeGreaterThan(0);
    expect(await countRows(api, 'canvas_events', a.tenantId)).toBe(2);
  });
});
