// Staff and doctor search finds names with letters that carry no separable accent (Ł, ø, ß, ɔ …), typed plainly, as
// the patient search does (test/integration/patients.test.ts): their name keys store those letters plainly. By surname,
// and by given name or "given family": "lukasz" finds Łukasz Wójcik.
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
  ids.wojcik = (await doctor(hr, app.hospitalId, { firstName: 'Łukasz', lastName: 'Wójcik' })).id;
  ids.sorensen = (await doctor(hr, app.hospitalId, { firstName: 'Søren Ærø', lastName: 'Kjær' })).id;
  ids.other = (await doctor(hr, app.hospitalId, { firstName: 'Lukas', lastName: 'Mugisha' })).id;
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

describe('staff and doctor search by given name', () => {
  it('finds Łukasz as "lukasz", "Lukasz Wojcik" and "lukasz w", and Søren Ærø Kjær by either given name', async () => {
    for (const [query, expected] of [
      ['lukasz', [ids.wojcik]],
      ['Łukasz', [ids.wojcik]],
      ['Lukasz Wojcik', [ids.wojcik]],
      ['lukasz w', [ids.wojcik]],
      ['wojcik lukasz', [ids.wojcik]],
      ['soren', [ids.sorensen]],
      ['aero', [ids.sorensen]],
      ['soren aero kjaer', [ids.sorensen]],
      ['lukas', [ids.wojcik, ids.other]],
    ] as const) {
      expect((await hr.ok('staff.list', { query })).items.map((s) => s.id).sort(), query).toEqual([...expected].sort());
      expect((await desk.ok('doctors.list', { query })).items.map((d) => d.id).sort(), query).toEqual([...expected].sort());
    }
  });
});
