import { useEffect, useRef } from 'react';
import { FOCUS_SELECTOR_EVENT } from '../app/Palette';
import type { SelectionResult } from '../graph/selection';

/** The selector box (dbt syntax, evaluated by domain/selectors) and undo/redo. */
export function Toolbar(props: {
  readonly expression: string;
  readonly onExpression: (value: string) => void;
  readonly selection: SelectionResult;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly status: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const focus = (): void => input.current?.focus();
    window.addEventListener(FOCUS_SELECTOR_EVENT, focus);
    return () => window.removeEventListener(FOCUS_SELECTOR_EVENT, focus);
  }, []);
  const { selection } = props;
  return (
    <div className="toolbar">
      <label className="selector-box">
        <span className="visually-hidden">dbt selector</span>
        <input
          ref={input}
          type="search"
          spellCheck={false}
          placeholder="dbt selector, e.g. +orders  tag:nightly  staging.*+"
          aria-label="dbt selector"
          aria-invalid={selection.kind === 'invalid'}
          value={props.expression}
          onChange={(e) => props.onExpression(e.target.value)}
        />
      </label>
      <span className={`selection-status${selection.kind === 'invalid' ? ' invalid' : ''}`} data-testid="selection-status" role="status">
        {selection.kind === 'selected' ? `${selection.ids.size} selected` : selection.kind === 'invalid' ? selection.message : ''}
      </span>
      <span className="spacer" />
      <span className="muted small" data-testid="layout-status">{props.status}</span>
      <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={props.onRedo} disabled={!props.canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </div>
  );
}
