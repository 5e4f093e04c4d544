import { nodeAt, type OverviewNode } from '../../ui/src/workspace/OverviewCanvas';

const node = (id: string, x: number, y: number): OverviewNode => ({ id, x, y, width: 200, height: 36, kind: 'model', highlight: 'normal', focused: false });

describe('nodeAt (clicks on the zoomed-out overview)', () => {
  const nodes = [node('a', 0, 0), node('b', 0, 52), node('c', 260, 0)];

  it('finds the node whose box holds the point', () => {
    expect(nodeAt(nodes, 100, 60, 0)?.id).toBe('b');
    expect(nodeAt(nodes, 300, 10, 0)?.id).toBe('c');
  });

  it('picks the nearest box within the tolerance, and nothing beyond it', () => {
    // Between a (ends at y 36) and b (starts at 52): 40 is nearer a, 49 nearer b.
    expect(nodeAt(nodes, 100, 40, 20)?.id).toBe('a');
    expect(nodeAt(nodes, 100, 49, 20)?.id).toBe('b');
    expect(nodeAt(nodes, 230, 200, 20)).toBeNull();
    expect(nodeAt([], 0, 0, 100)).toBeNull();
  });
});
