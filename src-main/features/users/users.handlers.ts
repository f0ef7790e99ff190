// auth.* and users.* channels.
import { users } from '@shared/contract/users';
import { defineHandlers } from '../../platform/handlers';
import { changePassword, createUser, listUsers, login, resetPassword, sessionInfo, unlock, updateUser } from './users.service';

export const userHandlers = defineHandlers(users, {
  'auth.login': (input, ctx) => login(ctx, input),
  'auth.logout': (_input, ctx) => {
    ctx.runtime.sessions.delete(ctx.windowKey);
    ctx.session = null;
    return null;
  },
  'auth.me': (_input, ctx) => (ctx.session ? sessionInfo(ctx.session) : null),
  'auth.lock': (_input, ctx) => {
    ctx.user.locked = true;
    return null;
  },
  'auth.unlock': (input, ctx) => unlock(ctx, input),
  'auth.changePassword': (input, ctx) => changePassword(ctx, input),
  'users.create': (input, ctx) => createUser(ctx, input),
  'users.list': (input, ctx) => listUsers(ctx, input),
  'users.update': (input, ctx) => updateUser(ctx, input),
  'users.resetPassword': (input, ctx) => resetPassword(ctx, input),
});
