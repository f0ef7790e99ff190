// Staff and doctor search by given name, and by "given family", typed plainly: "lukasz" finds Łukasz Wójcik, as
// "wojcik" always did (the surname search is test/integration/name-search.test.ts).
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
  ids.wojcik = (await doctor(hr, app.hospitalId, { firstName: 'Łukasz', lastName: 'Wójcik' })).id;
  ids.sorensen = (await doctor(hr, app.hospitalId, { firstName: 'Søren Ærø', lastName: 'Kjær' })).id;
  ids.other = (await doctor(hr, app.hospitalId, { firstName: 'Lukas', lastName: 'Mugisha' })).id;
});
afterAll(async () => app?.close());

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
