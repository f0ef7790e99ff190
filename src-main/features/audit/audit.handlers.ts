// audit.* channels: browsing the trail and verifying its chain.
import { audit, type AuditEntry } from '@shared/contract/audit';
import { defineHandlers } from '../../platform/handlers';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { AuditEntryEntity } from './audit.entity';
import { verifyChain } from './audit-chain';

const NEWEST_FIRST: KeysetColumn<AuditEntryEntity>[] = [{ column: 'a.id', direction: 'DESC', kind: 'int', value: (r) => r.id }];

export const auditHandlers = defineHandlers(audit, {
  'audit.list': async (input, ctx) => {
    const qb = ctx.em.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (input.userId) qb.andWhere('a.userId = :userId', { userId: input.userId });
    if (input.entity) qb.andWhere('a.entity = :entity', { entity: input.entity });
    if (input.entityId) qb.andWhere('a.entityId = :entityId', { entityId: input.entityId });
    if (input.from) qb.andWhere('a.at >= :from', { from: `${input.from} 00:00:00.000` });
    if (input.to) qb.andWhere('a.at < DATE_ADD(:to, INTERVAL 1 DAY)', { to: input.to });
    const scope = ctx.scope();
    // A hospital's administrator sees its entries, and those of no hospital (sign-ins, account changes) made by people
    // who work at one of its hospitals or by nobody (the system); not another hospital's sign-ins, nor the chain's.
    if (scope !== 'all') {
      qb.andWhere(
        `(a.hospitalId IN (:...scope) OR (a.hospitalId IS NULL AND (a.userId IS NULL OR EXISTS (
           SELECT 1 FROM user_hospitals uh JOIN users u ON u.id = uh.user_id WHERE uh.user_id = a.userId AND u.all_hospitals = 0 AND uh.hospital_id IN (:...scope)))))`,
        { scope: scope.length ? scope : [0] },
      );
    }
    const page = await keysetPage(qb, { order: NEWEST_FIRST, cursor: input.cursor, limit: input.limit });
    const items: AuditEntry[] = page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.userId,
      username: r.username,
      channel: r.channel,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      hospitalId: r.hospitalId,
      changes: r.changes ? JSON.parse(r.changes) : null,
    }));
    return { items, nextCursor: page.nextCursor };
  },
  'audit.verify': (_input, ctx) => verifyChain(ctx.em),
});
