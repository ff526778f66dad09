import { SamplerPanel } from './ui/SamplerPanel';
import { SidePanel } from './ui/SidePanel';
import { TopBar } from './ui/TopBar';

export function App() {
  return (
    <div className="app">
      <TopBar />
      <div className="workspace">
        <SidePanel />
        <main className="panels">
          <SamplerPanel />
        </main>
      </div>
    </div>
  );
}
