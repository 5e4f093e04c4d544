import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { LayoutResult } from '../graph/types';

export interface LayoutFit {
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly padding: number;
  /** jsdom and a hidden tab measure 0 × 0: fit to this size instead. */
  readonly fallback: { readonly width: number; readonly height: number };
}

/**
 * The viewport that shows a whole layout in a box of this size. Bounds, not nodes: React Flow need
 * not have measured anything (or even drawn the nodes) to show all of it.
 */
export function viewportForLayout(layout: Pick<LayoutResult, 'width' | 'height'>, size: { readonly width: number; readonly height: number }, fit: LayoutFit): Viewport {
  const bounds = { x: 0, y: 0, width: Math.max(1, layout.width), height: Math.max(1, layout.height) };
  return getViewportForBounds(bounds, size.width || fit.fallback.width, size.height || fit.fallback.height, fit.minZoom, fit.maxZoom, fit.padding);
}
