// Renderer entry.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>Hospital Desk</p>);
