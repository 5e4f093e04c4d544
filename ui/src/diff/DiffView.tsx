import { useMemo } from 'react';
import type { VersionDiff } from '../client/client';
import type { WorkspaceGraph } from '../graph/model';
import { Empty } from '../app/states';
import { DiffCanvas, type DiffSide } from './DiffCanvas';
import { buildUnionGraph, legendCounts } from './diffGraph';
import { DiffLegend } from './DiffLegend';
import { DiffTables } from './DiffTables';

export interface LoadedSide extends DiffSide {
  readonly graph: WorkspaceGraph;
}

/** What the Diff route shows once both graphs and the diff are loaded: legend, the two panes, the tables. */
export function DiffView({ diff, base, head }: { readonly diff: VersionDiff; readonly base: LoadedSide; readonly head: LoadedSide }) {
  const union = useMemo(() => buildUnionGraph(base.graph, head.graph, diff), [base.graph, head.graph, diff]);
  const counts = useMemo(() => legendCounts(union), [union]);
  // The diff's own counts too: a change the graphs do not show must not read as "nothing changed".
  if (counts.added + counts.removed + counts.modified + diff.counts.added + diff.counts.removed + diff.counts.modified === 0) {
    return (
      <Empty title="Nothing changed">
        <p>The two versions have the same nodes, with the same definitions.</p>
      </Empty>
    );
  }
  return (
    <>
      <DiffLegend counts={counts} />
      <DiffCanvas key={`${base.ref.versionId}:${head.ref.versionId}`} union={union} base={base} head={head} />
      <DiffTables diff={diff} />
    </>
  );
}
