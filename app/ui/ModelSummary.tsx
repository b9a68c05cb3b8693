import { useMemo } from 'react';
import type { ConfigSpec } from '../../src/index.ts';
import { displayText } from '../store/names.ts';

/** Above this many components the canvas cannot draw the model usefully (layout and paint take seconds). */
export const CANVAS_LIMIT = 1500;

const SHOWN = 200;

/**
 * What the canvas area shows for a model too big to draw: counts by type and the first components
 * with their connections, and where to edit (the YAML pane still works).
 */
export function ModelSummary({ config }: { config: ConfigSpec }) {
  const { byType, degree } = useMemo(() => {
    const { components, connectors } = config.process;
    const byType = new Map<string, number>();
    for (const c of components) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
    const degree = new Map<string, number>();
    for (const c of connectors) {
      degree.set(c.source.entity, (degree.get(c.source.entity) ?? 0) + 1);
      degree.set(c.target.entity, (degree.get(c.target.entity) ?? 0) + 1);
    }
    return { byType: [...byType].sort((a, b) => b[1] - a[1]), degree };
    // Keyed on the lists, not the model: a worker parse keeps a list that did not change.
  }, [config.process.components, config.process.connectors]);
  const { components, connectors } = config.process;
  return (
    <div className="model-summary" role="region" aria-label="Model summary" data-testid="model-summary">
      <p className="notice notice--info model-summary__notice" role="status">
        This model has {components.length.toLocaleString('en')} components and {connectors.length.toLocaleString('en')} connectors, more than the
        canvas can draw usefully ({CANVAS_LIMIT.toLocaleString('en')}): showing a summary. Edit it in the YAML pane; Run works as usual.
      </p>
      <h3>Components by type</h3>
      <table>
        <tbody>
          {byType.map(([type, n]) => (
            <tr key={type}>
              <td>{displayText(type)}</td>
              <td>{n.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        First {Math.min(SHOWN, components.length)} of {components.length.toLocaleString('en')} components
      </h3>
      <ul>
        {components.slice(0, SHOWN).map((c) => (
          <li key={c.name}>
            {displayText(c.name)} <span className="muted">({displayText(c.type)}, {degree.get(c.name) ?? 0} connectors)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
