// shifts.* and leave.* channels.
import { shifts } from '@shared/contract/shifts';
import { defineHandlers } from '../../platform/handlers';
import { renderRotaPdf } from '../../pdf/rota.pdf';
import { letterheadOf } from '../../platform/letterhead';
import { assignShift, copyWeek, moveShift, unassignShift } from './assignments.service';
import { cancelLeave, listLeave, recordLeave } from './leave.service';
import { myShifts, shiftsOfStaff, weekRota } from './rota.queries';
import { createShiftType, getRules, listShiftTypes, setCoverage, setRules } from './shift-types.service';

export const shiftHandlers = defineHandlers(shifts, {
  'shifts.createType': (input, ctx) => createShiftType(ctx, input),
  'shifts.listTypes': (input, ctx) => listShiftTypes(ctx, input),
  'shifts.getRules': (input, ctx) => getRules(ctx, input.hospitalId),
  'shifts.setRules': (input, ctx) => setRules(ctx, input),
  'shifts.setCoverage': (input, ctx) => setCoverage(ctx, input),
  'shifts.assign': (input, ctx) => assignShift(ctx, input),
  'shifts.unassign': (input, ctx) => unassignShift(ctx, input.id),
  'shifts.move': (input, ctx) => moveShift(ctx, input),
  'shifts.rota': (input, ctx) => weekRota(ctx, input),
  'shifts.copyWeek': (input, ctx) => copyWeek(ctx, input),
  'shifts.forStaff': (input, ctx) => shiftsOfStaff(ctx, input),
  'shifts.mine': (_input, ctx) => myShifts(ctx),
  'shifts.rotaPdf': async (input, ctx) => {
    const rota = await weekRota(ctx, input);
    const { head, code } = await letterheadOf(ctx, rota.hospitalId);
    const { bytes, pages } = await renderRotaPdf(rota, head, { paper: input.paper, printedAt: ctx.now() });
    ctx.audit({ action: 'rota.print', entity: 'department', entityId: rota.department.id, hospitalId: rota.hospitalId, changes: { weekStart: input.weekStart, paper: input.paper } });
    const name = rota.department.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    return { fileName: `rota-${code}-${name}-${input.weekStart}.pdf`, pdfBase64: bytes.toString('base64'), pages };
  },
  'leave.record': (input, ctx) => recordLeave(ctx, input),
  'leave.list': (input, ctx) => listLeave(ctx, input),
  'leave.cancel': (input, ctx) => cancelLeave(ctx, input),
});
