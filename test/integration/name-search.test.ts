// Staff and doctor search by surname finds names with letters that carry no separable accent (Ł, ø, ß, ɔ …), typed
// plainly, as the patient search does (test/integration/patients.test.ts): their name keys store those letters plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { doctor } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let desk: Desk;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await startTestApp();
  hr = await app.signedIn(['hr']);
  desk = await app.signedIn(['front_desk']);
  ids.lysiak = (await doctor(hr, app.hospitalId, { firstName: 'Piotr', lastName: 'Łysiak' })).id;
  ids.odonkor = (await doctor(hr, app.hospitalId, { firstName: 'Esi', lastName: 'Ɔdɔŋkɔr' })).id;
  ids.grossmann = (await doctor(hr, app.hospitalId, { firstName: 'Jens', lastName: 'Großmann' })).id;
});
afterAll(async () => app?.close());

describe('staff and doctor search by surname', () => {
  it('finds Łysiak as "lysiak", Ɔdɔŋkɔr as "odonkor", Großmann as "grossmann"', async () => {
    for (const [query, id] of [
      ['lysiak', ids.lysiak],
      ['Łysiak P', ids.lysiak],
      ['odonkor', ids.odonkor],
      ['grossmann j', ids.grossmann],
    ] as const) {
      expect((await hr.ok('staff.list', { query })).items.map((s) => s.id), query).toEqual([id]);
      expect((await desk.ok('doctors.list', { query })).items.map((d) => d.id), query).toEqual([id]);
    }
  });
});
