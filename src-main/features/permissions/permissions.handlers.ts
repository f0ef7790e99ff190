// permissions.* channels.
import { permissions } from '@shared/contract/permissions';
import { defineHandlers } from '../../platform/handlers';
import { permittedChannels } from './permissions.access';
import { permissionMatrix, setPermission } from './permissions.service';

export const permissionHandlers = defineHandlers(permissions, {
  'permissions.matrix': (input, ctx) => permissionMatrix(ctx, input.hospitalId),
  'permissions.set': (input, ctx) => setPermission(ctx, input),
  'permissions.mine': async (_input, ctx) => ({ hospitals: await permittedChannels(ctx.em, ctx.user) }),
});
