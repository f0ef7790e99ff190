// STUB (being built): every channel answers INTERNAL until its service lands.
import { pharmacy } from '@shared/contract/pharmacy';
import { defineHandlers } from '../../platform/handlers';

const notYet = (): never => {
  throw new Error('not built yet');
};

export const pharmacyHandlers = defineHandlers(pharmacy, {
  'pharmacy.createItem': notYet,
  'pharmacy.updateItem': notYet,
  'pharmacy.items': notYet,
  'pharmacy.item': notYet,
  'pharmacy.receive': notYet,
  'pharmacy.adjust': notYet,
  'pharmacy.dispense': notYet,
  'pharmacy.stock': notYet,
});
