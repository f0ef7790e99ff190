// A doctor's appointments of one day as table rows (time, patient and visit note, status, next actions), on the
// hospital's schedule and on the doctor's own day alike.
//
// A busy day has 125 rows, and each Mantine component costs its Box, styles and props: the rows were a second to draw.
// So a row is plain cells styled by appointments.module.css (the same look as Mantine's table, text and badge), and
// only the actions cell uses Mantine buttons, for the rows within reach of the window (see `useNearViewport`).
import { memo, useCallback, useState } from 'react';
import { Table, Text, type MantineSpacing } from '@mantine/core';
import type { AppointmentView } from '@shared/contract/appointments';
import { APPOINTMENT_STATUS_LABELS } from '@shared/domain/scheduling';
import { href } from '../../app/router';
import { useMayOpen } from '../../app/session';
import { formatTime } from '../../components/format';
import { AppointmentActions, STATUS_COLORS } from './AppointmentActions';
import classes from './appointments.module.css';

export function DayTable({ appointments, timeZone, emptyPadding = 'sm' }: { appointments: AppointmentView[]; timeZone: string; emptyPadding?: MantineSpacing }) {
  if (appointments.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py={emptyPadding}>
        No appointments.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} horizontalSpacing="md" className={classes.table}>
      <tbody>
        {appointments.map((a, i) => (
          <DayRow key={a.id} a={a} timeZone={timeZone} eager={i < EAGER_ROWS} />
        ))}
      </tbody>
    </Table>
  );
}

/**
 * One appointment's row, drawn again only when that appointment changes: a check-in or a refresh of the day keeps the
 * other rows' objects (react-query shares unchanged parts of an answer), so a busy day does not redraw 125 rows.
 */
const DayRow = memo(function DayRow({ a, timeZone, eager }: { a: AppointmentView; timeZone: string; eager: boolean }) {
  const [near, ref] = useNearViewport(eager);
  const mayOpen = useMayOpen();
  const start = formatTime(a.start, timeZone);
  const note = a.status === 'cancelled' && a.cancelReason ? `Cancelled: ${a.cancelReason}` : a.reason;
  const patient = (
    <>
      <span className={classes.patientNumber}>{a.patientNumber}</span> {a.patientName}
    </>
  );
  return (
    <tr ref={ref} className={classes.row} data-appointment-row={a.id} data-status={a.status} aria-label={`${start} ${a.patientName} ${APPOINTMENT_STATUS_LABELS[a.status]}`}>
      <td className={classes.cell} style={{ width: 110, whiteSpace: 'nowrap' }}>
        <span className={classes.time} data-cancelled={a.status === 'cancelled' || undefined}>
          {start}
          <span className={classes.timeEnd}>–{formatTime(a.end, timeZone)}</span>
        </span>
      </td>
      <td className={classes.cell}>
        {mayOpen(`/patients/${a.patientId}`, a.hospitalId) ? (
          <a className={classes.patientLink} href={href(`/patients/${a.patientId}`)} onClick={(e) => e.stopPropagation()}>
            {patient}
          </a>
        ) : (
          <span className={classes.patientText} data-testid="record-text">
            {patient}
          </span>
        )}
        {note && <div className={classes.note}>{note}</div>}
      </td>
      <td className={classes.cell} style={{ width: 1, whiteSpace: 'nowrap' }}>
        <span className={classes.badges}>
          <span className={classes.badge} data-color={STATUS_COLORS[a.status]}>
            {APPOINTMENT_STATUS_LABELS[a.status]}
          </span>
          {a.queueNumber !== null && (
            <span className={classes.badge} data-filled aria-label={`Queue number ${a.queueNumber}`}>
              No. {a.queueNumber}
            </span>
          )}
        </span>
      </td>
      <td className={`${classes.cell} ${classes.actions}`} style={{ width: 1, whiteSpace: 'nowrap' }}>
        {near && <AppointmentActions appointment={a} timeZone={timeZone} />}
      </td>
    </tr>
  );
});

/**
 * The first rows of a day get their buttons at once; the others when they come within a screen or so of the window.
 * The buttons (Mantine buttons, a mutation and the rights of each row) were most of what was left of a row's cost.
 */
export const EAGER_ROWS = 15;

/** A row's buttons once the row is within reach of the window (or at once, `eager`): for rows drawn by other tables. */
export function NearActions({ appointment, timeZone, eager }: { appointment: AppointmentView; timeZone: string; eager: boolean }) {
  const [near, ref] = useNearViewport(eager);
  return <span ref={ref}>{near && <AppointmentActions appointment={appointment} timeZone={timeZone} />}</span>;
}

const reveal = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | null = null;

export function useNearViewport(eager: boolean): [boolean, (el: Element | null) => (() => void) | undefined] {
  const [near, setNear] = useState(eager);
  const ref = useCallback(
    (el: Element | null) => {
      if (!el || near) return undefined;
      // One observer for every row of every day table.
      observer ??= new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            reveal.get(e.target)?.();
            observer!.unobserve(e.target);
          }
        },
        { rootMargin: '1200px 0px' },
      );
      reveal.set(el, () => setNear(true));
      observer.observe(el);
      return () => observer?.unobserve(el);
    },
    [near],
  );
  return [near, ref];
}
