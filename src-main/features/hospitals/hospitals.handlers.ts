// hospitals.* channels.
import { hospitals } from '@shared/contract/hospitals';
import { defineHandlers } from '../../platform/handlers';
import { createHospital, listHospitals, updateHospital } from './hospitals.service';

export const hospitalHandlers = defineHandlers(hospitals, {
  'hospitals.create': (input, ctx) => createHospital(ctx, input),
  'hospitals.update': (input, ctx) => updateHospital(ctx, input),
  'hospitals.list': (_input, ctx) => listHospitals(ctx),
});
