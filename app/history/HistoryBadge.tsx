import { useStore } from 'zustand';
import './history.css';
import { appRunHistory, type HistoryState, type RunHistory } from './runHistory.ts';

const selViewing = (s: HistoryState) => s.viewing;

/** "run #N from history" while the run views show a stored run rather than the latest one. */
export function HistoryBadge() {
  const history = appRunHistory();
  return history ? <Badge history={history} /> : null;
}

function Badge({ history }: { history: RunHistory }) {
  const viewing = useStore(history.state, selViewing);
  if (viewing === null) return null;
  return (
    <span className="history-badge" role="status" title="The Output, Timeline and node statuses show a past run; Run starts a new one">
      run #{viewing} from history
    </span>
  );
}
