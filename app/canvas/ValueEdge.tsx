import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';

/**
 * A connector that shows the last value that passed it (issue 10). React Flow's own edge label
 * measures its text with SVG `getBBox` when it mounts or changes; when a run starts, hundreds of
 * labels appear at once and those measurements were the page's longest task (~100 ms at 300
 * connectors). Here the label is HTML placed by a transform, which needs no measuring.
 */
export const ValueEdge = memo(function ValueEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, markerStart, style, interactionWidth }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} markerStart={markerStart} style={style} interactionWidth={interactionWidth} />
      {label !== undefined && label !== null && label !== '' && (
        <EdgeLabelRenderer>
          <div className="edge-value" data-testid="edge-value" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
