// The merged map of every channel: the handler table, the pipeline and the renderer client are typed from it.
import { audit } from './audit';
import { hospitals } from './hospitals';
import { patients } from './patients';
import { settings } from './settings';
import { setup } from './setup';
import { users } from './users';
import type { InputOf, OutputOf } from './channel';

export const contract = { ...setup, ...users, ...hospitals, ...patients, ...audit, ...settings } as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<K extends ChannelName> = InputOf<Contract[K]>;
export type Output<K extends ChannelName> = OutputOf<Contract[K]>;

/** Events main pushes to every window. */
export interface Events {
  'connection.changed': { connected: boolean; message: string | null };
  'patients.changed': { id: number };
}
export type EventName = keyof Events;
