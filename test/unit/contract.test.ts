import { describe, expect, it } from 'vitest';
import { contract } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { ROLES } from '@shared/domain/roles';
import { handlerTable } from '../../src-main/ipc/handler-table';

describe('the contract and the handler table', () => {
  it('has a handler for every declared channel', () => {
    const missing = Object.keys(contract).filter((name) => typeof (handlerTable as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('has no handler without a declaration', () => {
    const undeclared = Object.keys(handlerTable).filter((name) => !Object.hasOwn(contract, name));
    expect(undeclared).toEqual([]);
  });

  it('names every channel <area>.<verb> and declares who may call it', () => {
    for (const [name, def] of Object.entries(contract) as [string, AnyChannel][]) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      if (Array.isArray(def.access)) {
        expect(def.access.length).toBeGreaterThan(0);
        for (const r of def.access) expect(ROLES).toContain(r);
      } else {
        expect(['public', 'signedIn']).toContain(def.access);
      }
      expect(['read', 'write']).toContain(def.kind);
    }
  });

  it('keeps the channels the foundation promises', () => {
    for (const name of [
      'setup.status', 'setup.initialize', 'auth.login', 'auth.logout', 'auth.me', 'users.create', 'users.list', 'users.update',
      'hospitals.create', 'hospitals.list', 'audit.verify', 'audit.list', 'patients.register', 'patients.search', 'patients.get', 'patients.update',
    ]) {
      expect(Object.keys(contract)).toContain(name);
    }
  });
});
