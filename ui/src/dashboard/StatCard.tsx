/** One figure with its title and a note under it (the dashboard's cards). */
export function StatCard({ title, value, note, testId }: { readonly title: string; readonly value: string; readonly note: string; readonly testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="muted small">{title}</div>
      <div className="card-value">{value}</div>
      <div className="muted small">{note}</div>
    </div>
  );
}
