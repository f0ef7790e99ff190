// pharmacy.* channels: the medicine list, stock received and adjusted, dispensing, the stock at a glance.
import { pharmacy } from '@shared/contract/pharmacy';
import { defineHandlers } from '../../platform/handlers';
import { dispense } from './dispensing.service';
import { createItem, getItem, listItems, updateItem } from './items.service';
import { adjust, receive, stockReport } from './stock.service';

export const pharmacyHandlers = defineHandlers(pharmacy, {
  'pharmacy.createItem': (input, ctx) => createItem(ctx, input),
  'pharmacy.updateItem': (input, ctx) => updateItem(ctx, input),
  'pharmacy.items': (input, ctx) => listItems(ctx, input),
  'pharmacy.item': (input, ctx) => getItem(ctx, input.id),
  'pharmacy.receive': (input, ctx) => receive(ctx, input),
  'pharmacy.adjust': (input, ctx) => adjust(ctx, input),
  'pharmacy.dispense': (input, ctx) => dispense(ctx, input),
  'pharmacy.stock': (input, ctx) => stockReport(ctx, input.hospitalId),
});
