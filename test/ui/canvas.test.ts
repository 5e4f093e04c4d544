import { createLocalCanvasStore } from '../../ui/src/canvas/eventStore';
import { initialHistory, reduceCanvas, replayCanvas, UNDO_LIMIT, type CanvasAction, type CanvasEvent } from '../../ui/src/canvas/reducer';

const run = (actions: CanvasAction[]) => actions.reduce(reduceCanvas, initialHistory());

describe('canvas reducer', () => {
  it('moves nodes, undoes and redoes them', () => {
    const h = run([{ type: 'move', id: 'a', x: 10, y: 20 }, { type: 'move', id: 'a', x: 30, y: 40 }]);
    expect(h.present.positions).toEqual({ a: { x: 30, y: 40 } });
    const undone = reduceCanvas(h, { type: 'undo' });
    expect(undone.present.positions).toEqual({ a: { x: 10, y: 20 } });
    const twice = reduceCanvas(undone, { type: 'undo' });
    expect(twice.present.positions).toEqual({});
    expect(reduceCanvas(twice, { type: 'undo' })).toBe(twice);
    const redone = reduceCanvas(twice, { type: 'redo' });
    expect(redone.present.positions).toEqual({ a: { x: 10, y: 20 } });
  });

  it('drops the redo future when a new action follows an undo', () => {
    const h = run([{ type: 'collapse', keys: ['package:a'] }, { type: 'undo' }, { type: 'collapse', keys: ['package:b'] }]);
    expect(h.present.collapsed).toEqual(['package:b']);
    expect(h.future).toHaveLength(0);
    expect(reduceCanvas(h, { type: 'redo' })).toBe(h);
  });

  it('keeps the viewport out of the undo history, and where the user looks on undo', () => {
    const h = run([{ type: 'collapse', keys: ['package:a'] }, { type: 'viewport', viewport: { x: 1, y: 2, zoom: 0.5 } }]);
    expect(h.past).toHaveLength(1);
    const undone = reduceCanvas(h, { type: 'undo' });
    expect(undone.present.collapsed).toEqual([]);
    expect(undone.present.viewport).toEqual({ x: 1, y: 2, zoom: 0.5 });
  });

  it('collapses and expands sorted unique keys; switching grouping expands everything', () => {
    let h = run([{ type: 'collapse', keys: ['folder:b', 'folder:a', 'folder:b'] }]);
    expect(h.present.collapsed).toEqual(['folder:a', 'folder:b']);
    h = reduceCanvas(h, { type: 'expand', keys: ['folder:a'] });
    expect(h.present.collapsed).toEqual(['folder:b']);
    h = reduceCanvas(h, { type: 'grouping', grouping: 'group' });
    expect(h.present).toMatchObject({ grouping: 'group', collapsed: [] });
    expect(reduceCanvas(h, { type: 'undo' }).present).toMatchObject({ grouping: 'package', collapsed: ['folder:b'] });
  });

  it('ignores no-op actions (no history step)', () => {
    const h = run([{ type: 'move', id: 'a', x: 1, y: 1 }]);
    expect(reduceCanvas(h, { type: 'move', id: 'a', x: 1, y: 1 })).toBe(h);
    expect(reduceCanvas(h, { type: 'expand', keys: ['nope'] })).toBe(h);
  });

  it('creates and deletes user groups', () => {
    const h = run([{ type: 'create_group', name: 'core', members: ['b', 'a', 'b'] }]);
    expect(h.present.groups).toEqual({ core: ['a', 'b'] });
    expect(reduceCanvas(h, { type: 'delete_group', name: 'core' }).present.groups).toEqual({});
  });

  it('shows and hides tests as an undoable step; the same state when nothing changes', () => {
    expect(initialHistory().present.showTests).toBe(false);
    const h = run([{ type: 'show_tests', show: true }]);
    expect(h.present.showTests).toBe(true);
    expect(h.past).toHaveLength(1);
    expect(reduceCanvas(h, { type: 'show_tests', show: true })).toBe(h);
    const start = initialHistory();
    expect(reduceCanvas(start, { type: 'show_tests', show: false })).toBe(start);
    const undone = reduceCanvas(h, { type: 'undo' });
    expect(undone.present.showTests).toBe(false);
    expect(reduceCanvas(undone, { type: 'redo' }).present.showTests).toBe(true);
    // Other edits keep the choice.
    expect(reduceCanvas(h, { type: 'grouping', grouping: 'folder' }).present.showTests).toBe(true);
  });

  it('replays a log from before show_tests with tests hidden', () => {
    const old: CanvasEvent[] = [{ seq: 1, action: { type: 'collapse', keys: ['package:a'] } }, { seq: 2, action: { type: 'move', id: 'a', x: 1, y: 2 } }];
    expect(replayCanvas(old).present).toEqual({ positions: { a: { x: 1, y: 2 } }, viewport: null, grouping: 'package', collapsed: ['package:a'], groups: {}, showTests: false });
    expect(replayCanvas([...old, { seq: 3, action: { type: 'show_tests', show: true } }]).present.showTests).toBe(true);
  });

  it('caps the undo history', () => {
    const actions: CanvasAction[] = Array.from({ length: UNDO_LIMIT + 50 }, (_, i) => ({ type: 'move', id: 'a', x: i + 1, y: 0 }));
    expect(run(actions).past).toHaveLength(UNDO_LIMIT);
  });

  it('replays a saved log (in seq order) to the same history as live dispatch', () => {
    const actions: CanvasAction[] = [
      { type: 'move', id: 'a', x: 5, y: 5 },
      { type: 'collapse', keys: ['package:x'] },
      { type: 'undo' },
      { type: 'undo' },
      { type: 'redo' },
      { type: 'show_tests', show: true },
      { type: 'viewport', viewport: { x: 0, y: 0, zoom: 1 } },
    ];
    const events: CanvasEvent[] = actions.map((action, i) => ({ seq: i + 1, action })).reverse();
    expect(replayCanvas(events)).toEqual(run(actions));
  });
});

describe('local canvas event store', () => {
  it('appends numbered events per user and project and loads them back', async () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const store = createLocalCanvasStore(storage);
    const scope = { tenantId: 't', projectId: 'p', userId: 'u' };
    await store.append(scope, { type: 'move', id: 'a', x: 1, y: 2 });
    await store.append(scope, { type: 'undo' });
    await store.append({ ...scope, userId: 'other' }, { type: 'redo' });
    const events = await store.load(scope);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(replayCanvas(events).future).toHaveLength(1);
    expect(await store.load({ ...scope, projectId: 'none' })).toEqual([]);
  });

  it('treats an unreadable saved log as empty', async () => {
    const store = createLocalCanvasStore({ getItem: () => '{not json', setItem: () => undefined });
    expect(await store.load({ tenantId: 't', projectId: 'p', userId: 'u' })).toEqual([]);
  });
});
