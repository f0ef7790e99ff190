import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('smoke', () => {
  it('registers and finds a patient', async () => {
    const desk = await app.signedIn(['front_desk']);
    const p = await desk.ok('patients.register', {
      hospitalId: app.hospitalId,
      firstName: 'Nakato',
      lastName: 'Ssebunya',
      dateOfBirth: '1990-04-12',
      sex: 'female',
      phone: '0772123456',
    });
    expect(p.patientNumber).toBe('HMS/000001');
    const found = await desk.ok('patients.search', { query: 'sseb' });
    expect(found.items.map((i) => i.id)).toEqual([p.id]);
    const v = await app.admin.ok('audit.verify');
    expect(v.ok).toBe(true);
  });
});
