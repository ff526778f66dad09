import { MetricsSlot, hasMetricsArea } from './ui/optionalViews';
import { PanelGrid, metricsInGrid } from './ui/PanelGrid';
import { useAppStore } from './store';
import { ShortcutsDialog } from './ui/ShortcutsDialog';
import { useShortcuts } from './ui/shortcuts';
import { SidePanel } from './ui/SidePanel';
import { TopBar } from './ui/TopBar';

export function App() {
  useShortcuts();
  const panelCount = useAppStore((s) => s.panels.length);
  const metricsBelow = hasMetricsArea && !metricsInGrid(panelCount);
  return (
    <div className="app">
      <TopBar />
      <div className="workspace">
        <SidePanel />
        <main className="main" data-metrics={metricsBelow}>
          <PanelGrid />
          {metricsBelow && (
            <section className="metrics-area" aria-label="Metrics">
              <MetricsSlot />
            </section>
          )}
        </main>
      </div>
      <ShortcutsDialog />
    </div>
  );
}
