import { MetricsSlot } from './ui/viewSlots';
import { PanelGrid, metricsInGrid } from './ui/PanelGrid';
import { useAppStore } from './store';
import { isHidden } from './store/shareSlice';
import { NoticesBanner } from './ui/notices/NoticesBanner';
import { PresetNote } from './ui/presets/PresetNote';
import './ui/share/share.css';
import { ShortcutsDialog } from './ui/ShortcutsDialog';
import { useShortcuts } from './ui/shortcuts';
import { SidePanel } from './ui/SidePanel';
import { TopBar } from './ui/TopBar';
import { DimensionSweep } from './ui/dimension/DimensionSweep';
import { LabView } from './ui/lab/LabView';
import { UpdateBanner } from './ui/UpdateBanner';
import { useLabStore } from './store/labStore';

export function App() {
  useShortcuts();
  const panelCount = useAppStore((s) => s.panels.length);
  const sideHidden = useAppStore((s) => isHidden(s, 'side'));
  const metricsHidden = useAppStore((s) => isHidden(s, 'metrics'));
  const viewMode = useAppStore((s) => s.viewMode);
  const setupOpen = useAppStore((s) => s.setupOpen);
  const phoneLayout = useAppStore((s) => s.phoneLayout);
  const metricsBelow = !metricsInGrid(panelCount) && !metricsHidden;
  const pageView = useLabStore((s) => s.view);
  if (pageView === 'lab')
    return (
      <>
        <UpdateBanner />
        <LabView />
      </>
    );
  return (
    <div className="app" data-view-mode={viewMode} data-setup-open={setupOpen} data-phone-layout={phoneLayout}>
      <UpdateBanner />
      <TopBar />
      <NoticesBanner />
      <PresetNote />
      <div className="workspace">
        {!sideHidden && <SidePanel />}
        <main className="main" data-metrics={metricsBelow}>
          <PanelGrid />
          {metricsBelow && (
            <section className="metrics-area" aria-label="Metrics">
              <MetricsSlot />
            </section>
          )}
          {!metricsHidden && <DimensionSweep />}
        </main>
      </div>
      <ShortcutsDialog />
    </div>
  );
}
