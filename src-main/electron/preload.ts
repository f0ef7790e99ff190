// The sandboxed preload: exposes invoke(channel, input) and on(event, callback), nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('hms', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke('hms:invoke', channel, input),
  on: (event: string, callback: (payload: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('hms:event', listener);
    return () => ipcRenderer.removeListener('hms:event', listener);
  },
});
