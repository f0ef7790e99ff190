// The week rota of a department as a grid: people × days with their shifts and leave, week hours against the contract,
// and a coverage row per shift type and role. Cells are plain buttons; one menu exists at a time, in the cell in use.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Menu } from '@mantine/core';
import { IconArrowsExchange, IconCalendarCheck, IconCalendarEvent, IconPlaneDeparture, IconPlus, IconTrash } from '@tabler/icons-react';
import type { CoverageCell, Rota, RotaPerson, ShiftAssignment, ShiftType } from '@shared/contract/shifts';
import { isoWeekday } from '@shared/domain/dates';
import { hoursText, LEAVE_LABELS, shiftHoursText, type LeaveKind } from '@shared/domain/shifts';
import { clockMinutes, STAFF_ROLE_LABELS, type StaffRole } from '@shared/domain/scheduling';
import { dayLabel } from '../../components/calendar';
import classes from './shifts.module.css';

const PALETTE = ['blue', 'orange', 'violet', 'grape', 'cyan', 'lime', 'pink', 'teal'];

/** The colours of a shift type's code in the grid, by its place in the hospital's list; nights are dark. */
export function shiftStyle(type: ShiftType, index: number): CSSProperties {
  if (type.crossesMidnight) return { '--shift-bg': 'var(--mantine-color-indigo-8)', '--shift-fg': 'var(--mantine-color-white)' } as CSSProperties;
  const c = PALETTE[index % PALETTE.length];
  return { '--shift-bg': `var(--mantine-color-${c}-1)`, '--shift-fg': `var(--mantine-color-${c}-9)` } as CSSProperties;
}

/** "Day 07:00–15:00", "Night 23:00–07:00 (+1)" */
export const shiftTypeText = (t: Pick<ShiftType, 'name' | 'start' | 'end'>) => `${t.name} ${shiftHoursText(clockMinutes(t.start)!, clockMinutes(t.end)!)}`;

/** "Mon 9 Mar" */
const shortDay = (date: string) => dayLabel(date).replace(/ \d{4}$/, '');

const isWeekend = (date: string) => isoWeekday(date) >= 6;

/** The cell whose menu is open: a person's day, and the shift clicked (null: assigning a new one). */
export interface ActiveCell {
  staffId: number;
  date: string;
  assignmentId: number | null;
}

export interface RotaActions {
  assign(person: RotaPerson, date: string, type: ShiftType): void;
  move(a: ShiftAssignment, change: { date?: string; shiftTypeId?: number }): void;
  unassign(a: ShiftAssignment): void;
  recordLeave(person: RotaPerson): void;
  /** Makes a doctor's shift bookable (its hours join the doctor's weekly hours); absent for who may not. */
  alignHours?(a: ShiftAssignment): void;
}

interface Prepared {
  byPerson: Map<number, ShiftAssignment[][]>;
  /** Per person, their shifts booking cannot fill (assignment id → why). */
  unbookable: Map<number, Map<number, string>>;
  leaveByPerson: Map<number, (LeaveKind | null)[]>;
  groups: { role: StaffRole; people: RotaPerson[] }[];
  coverage: { shiftType: ShiftType; role: StaffRole; cells: (CoverageCell | undefined)[] }[];
}

/** Everything the rows need, computed once per rota rather than once per cell. */
function prepare(rota: Rota): Prepared {
  const dayIndex = new Map(rota.days.map((d, i) => [d, i]));
  const byPerson = new Map<number, ShiftAssignment[][]>();
  for (const a of rota.assignments) {
    let days = byPerson.get(a.staffId);
    if (!days) byPerson.set(a.staffId, (days = rota.days.map(() => [])));
    days[dayIndex.get(a.date)!]?.push(a);
  }
  for (const days of byPerson.values()) for (const list of days) list.sort((x, y) => x.start.localeCompare(y.start));
  const leaveByPerson = new Map<number, (LeaveKind | null)[]>();
  for (const p of rota.staff) {
    if (!p.leave.length) continue;
    const days = rota.days.map(() => null as LeaveKind | null);
    for (const l of p.leave) days[dayIndex.get(l.date)!] = l.kind;
    leaveByPerson.set(p.id, days);
  }
  const groups: Prepared['groups'] = [];
  for (const p of rota.staff) {
    const last = groups.at(-1);
    if (last?.role === p.staffRole) last.people.push(p);
    else groups.push({ role: p.staffRole, people: [p] });
  }
  const rules = new Map<string, Prepared['coverage'][number]>();
  const typeOrder = new Map(rota.shiftTypes.map((t, i) => [t.id, i]));
  for (const c of rota.coverage) {
    const type = rota.shiftTypes.find((t) => t.id === c.shiftTypeId);
    if (!type) continue;
    const key = `${c.shiftTypeId}|${c.staffRole}`;
    let row = rules.get(key);
    if (!row) rules.set(key, (row = { shiftType: type, role: c.staffRole, cells: rota.days.map(() => undefined) }));
    row.cells[dayIndex.get(c.date)!] = c;
  }
  const coverage = [...rules.values()].sort((a, b) => typeOrder.get(a.shiftType.id)! - typeOrder.get(b.shiftType.id)! || a.role.localeCompare(b.role));
  const unbookable = new Map<number, Map<number, string>>();
  for (const u of rota.unbookable) {
    const a = rota.assignments.find((x) => x.id === u.assignmentId);
    if (!a) continue;
    const mine = unbookable.get(a.staffId) ?? new Map<number, string>();
    mine.set(a.id, u.message);
    unbookable.set(a.staffId, mine);
  }
  return { byPerson, leaveByPerson, groups, coverage, unbookable };
}

export function RotaGrid({ rota, canPlan, actions, today }: { rota: Rota; canPlan: boolean; actions: RotaActions; today: string }) {
  const prepared = useMemo(() => prepare(rota), [rota]);
  // Kept while the shift types are unchanged, so the memoised rows see the same styles after a refresh.
  const styles = useMemo(() => new Map(rota.shiftTypes.map((t, i) => [t.id, shiftStyle(t, i)])), [rota.shiftTypes]);
  const [active, setActive] = useState<ActiveCell | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const lastActive = useRef<ActiveCell | null>(null);

  // The cell's button is replaced while its menu is open: focus goes back to it when the menu closes.
  useEffect(() => {
    if (active) {
      lastActive.current = active;
      return;
    }
    const was = lastActive.current;
    if (!was) return;
    lastActive.current = null;
    const selector = `[data-cell="${was.staffId}:${was.date}:${was.assignmentId ?? 'add'}"]`;
    requestAnimationFrame(() => {
      const el = root.current?.querySelector<HTMLElement>(selector) ?? root.current?.querySelector<HTMLElement>(`[data-cell^="${was.staffId}:${was.date}:"]`);
      if (el && (document.activeElement === document.body || !document.activeElement)) el.focus();
    });
  }, [active]);

  const open = useCallback((cell: ActiveCell | null) => setActive(cell), []);
  const maxWeek = rota.rules.maxWeekMinutes;

  return (
    <div className={classes.scroller} ref={root}>
      <table className={classes.grid} aria-label={`Rota of ${rota.department.name}, week of ${dayLabel(rota.weekStart)}`}>
        <thead>
          <tr>
            <th className={classes.name} scope="col">
              Staff ({rota.staff.length})
            </th>
            {rota.days.map((d) => (
              <th key={d} scope="col" data-today={d === today || undefined} data-weekend={isWeekend(d) || undefined}>
                {shortDay(d)}
              </th>
            ))}
            <th scope="col" style={{ textAlign: 'right' }}>
              Week hours
            </th>
          </tr>
        </thead>
        <CoverageRows rota={rota} rows={prepared.coverage} styles={styles} />
        <tbody>
          {prepared.groups.map((g) => (
            <RoleGroup key={g.role} group={g} prepared={prepared} styles={styles} rota={rota} canPlan={canPlan} actions={actions} active={active} open={open} maxWeek={maxWeek} />
          ))}
          {rota.staff.length === 0 && (
            <tr>
              <td colSpan={9} style={{ padding: 16, color: 'var(--mantine-color-dimmed)' }}>
                Nobody works in this department this week.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function RoleGroup(props: { group: Prepared['groups'][number]; prepared: Prepared; styles: Map<number, CSSProperties>; rota: Rota; canPlan: boolean; actions: RotaActions; active: ActiveCell | null; open: (c: ActiveCell | null) => void; maxWeek: number }) {
  const { group, prepared, rota, active } = props;
  return (
    <>
      <tr className={classes.groupRow}>
        <td colSpan={9}>
          {STAFF_ROLE_LABELS[group.role]} · {group.people.length}
        </td>
      </tr>
      {group.people.map((p) => (
        <PersonRow
          key={p.id}
          person={p}
          days={rota.days}
          shifts={prepared.byPerson.get(p.id)}
          leave={prepared.leaveByPerson.get(p.id)}
          unbookable={prepared.unbookable.get(p.id)}
          types={rota.shiftTypes}
          styles={props.styles}
          canPlan={props.canPlan}
          actions={props.actions}
          // Only the row with the open menu sees it, so the other rows do not render again.
          active={active?.staffId === p.id ? active : null}
          open={props.open}
          maxWeek={props.maxWeek}
        />
      ))}
    </>
  );
}

/** What every row and day cell of one person is drawn and acted on with. */
interface PersonContext {
  person: RotaPerson;
  /** This person's shifts booking cannot fill (assignment id → why). */
  unbookable: Map<number, string> | undefined;
  days: string[];
  types: ShiftType[];
  styles: Map<number, CSSProperties>;
  canPlan: boolean;
  actions: RotaActions;
  active: ActiveCell | null;
  open: (c: ActiveCell | null) => void;
}

interface PersonRowProps extends PersonContext {
  shifts: ShiftAssignment[][] | undefined;
  leave: (LeaveKind | null)[] | undefined;
  maxWeek: number;
}

/** Equal when each day shows the same shift objects: the query layer keeps unchanged ones identical across refreshes. */
const sameDays = <T,>(a: T[][] | T[] | undefined, b: T[][] | T[] | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => (Array.isArray(x) ? sameDays(x, b[i] as T[]) : x === b[i])));

/** A refresh after one assignment re-renders only the rows it changed. */
const samePersonRow = (a: PersonRowProps, b: PersonRowProps) =>
  a.person === b.person &&
  a.days === b.days &&
  a.types === b.types &&
  a.styles === b.styles &&
  a.canPlan === b.canPlan &&
  a.actions === b.actions &&
  a.active === b.active &&
  a.open === b.open &&
  a.maxWeek === b.maxWeek &&
  sameDays(a.shifts, b.shifts) &&
  sameDays(a.leave, b.leave) &&
  sameWarnings(a.unbookable, b.unbookable);

const sameWarnings = (a: Map<number, string> | undefined, b: Map<number, string> | undefined): boolean =>
  a === b || (!!a && !!b && a.size === b.size && [...a].every(([id, m]) => b.get(id) === m));

const PersonRow = memo(function PersonRow({ person, unbookable, days, shifts, leave, types, styles, canPlan, actions, active, open, maxWeek }: PersonRowProps) {
  const contracted = person.contractedHours * 60;
  const over = person.weekMinutes > maxWeek || person.weekMinutes > contracted;
  return (
    <tr aria-label={person.name}>
      <th scope="row" className={classes.name}>
        <div className={classes.nameLine}>
          <div style={{ minWidth: 0 }}>
            <div className={classes.personName} title={person.name}>
              {person.name}
            </div>
            <div className={classes.sub}>
              {person.employeeNumber}
              {person.status === 'on_leave' ? ' · on leave' : ''}
            </div>
          </div>
          {canPlan && (
            <button type="button" className={classes.iconButton} aria-label={`Record leave for ${person.name}`} title="Record leave" onClick={() => actions.recordLeave(person)}>
              <IconPlaneDeparture size={16} />
            </button>
          )}
        </div>
      </th>
      {days.map((date, i) => (
        <td key={date} data-weekend={isWeekend(date) || undefined}>
          <DayCell
            person={person}
            unbookable={unbookable}
            date={date}
            days={days}
            shifts={shifts?.[i]}
            leave={leave?.[i] ?? null}
            types={types}
            styles={styles}
            canPlan={canPlan}
            actions={actions}
            active={active?.date === date ? active : null}
            open={open}
          />
        </td>
      ))}
      <td className={classes.hours} data-over={over || undefined} data-under={person.weekMinutes === 0 || undefined} aria-label={`${hoursText(person.weekMinutes)} of ${person.contractedHours} h`}>
        {hoursText(person.weekMinutes)} / {person.contractedHours} h
      </td>
    </tr>
  );
}, samePersonRow);

interface DayCellProps extends PersonContext {
  date: string;
  shifts: ShiftAssignment[] | undefined;
  leave: LeaveKind | null;
}

function DayCell({ person, unbookable, date, days, shifts = [], leave, types, styles, canPlan, actions, active, open }: DayCellProps) {
  const day = shortDay(date);
  const close = () => open(null);
  return (
    <div className={classes.cell}>
      {shifts.map((a) => {
        const notBookable = unbookable?.get(a.id);
        const button = (
          <button
            type="button"
            className={classes.shift}
            style={styles.get(a.shiftTypeId)}
            data-cell={`${person.id}:${date}:${a.id}`}
            data-unbookable={notBookable ? true : undefined}
            aria-label={`${a.shiftName} shift of ${person.name} on ${day}${notBookable ? ' (not bookable)' : ''}`}
            title={notBookable ?? `${a.shiftName} · ${a.departmentName}`}
            disabled={!canPlan}
            onClick={() => open({ staffId: person.id, date, assignmentId: a.id })}
          >
            {a.shiftCode}
            {notBookable ? '!' : ''}
          </button>
        );
        if (active?.assignmentId !== a.id) return <span key={a.id}>{button}</span>;
        return (
          <Menu key={a.id} opened onChange={(o) => !o && close()} position="bottom-start" shadow="md" width={250} withinPortal>
            <Menu.Target>{button}</Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                {a.shiftName} · {person.name} · {day}
              </Menu.Label>
              {notBookable && actions.alignHours && (
                <>
                  <Menu.Item leftSection={<IconCalendarCheck size={14} />} onClick={() => actions.alignHours!(a)} title={notBookable}>
                    Make these hours bookable
                  </Menu.Item>
                  <Menu.Divider />
                </>
              )}
              {types
                .filter((t) => t.id !== a.shiftTypeId)
                .map((t) => (
                  <Menu.Item key={t.id} leftSection={<IconArrowsExchange size={14} />} onClick={() => actions.move(a, { shiftTypeId: t.id })}>
                    Change to {shiftTypeText(t)}
                  </Menu.Item>
                ))}
              <Menu.Divider />
              <Menu.Sub position="right-start">
                <Menu.Sub.Target>
                  <Menu.Sub.Item leftSection={<IconCalendarEvent size={14} />}>Move to another day</Menu.Sub.Item>
                </Menu.Sub.Target>
                <Menu.Sub.Dropdown>
                  {days
                    .filter((d) => d !== date)
                    .map((d) => (
                      <Menu.Item key={d} onClick={() => actions.move(a, { date: d })}>
                        {dayLabel(d)}
                      </Menu.Item>
                    ))}
                </Menu.Sub.Dropdown>
              </Menu.Sub>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => actions.unassign(a)}>
                Unassign
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        );
      })}
      {leave ? (
        <span className={classes.leave} title={LEAVE_LABELS[leave]} aria-label={`${person.name}: ${LEAVE_LABELS[leave]} on ${day}`}>
          {LEAVE_LABELS[leave].replace(/ leave$/, '')}
        </span>
      ) : (
        canPlan && <AddButton person={person} date={date} day={day} types={types} styles={styles} actions={actions} opened={active?.assignmentId === null} open={open} compact={shifts.length > 0} />
      )}
    </div>
  );
}

function AddButton(props: { person: RotaPerson; date: string; day: string; types: ShiftType[]; styles: Map<number, CSSProperties>; actions: RotaActions; opened: boolean; open: (c: ActiveCell | null) => void; compact: boolean }) {
  const { person, date, day, types, opened, open } = props;
  const button = (
    <button type="button" className={classes.add} data-cell={`${person.id}:${date}:add`} aria-label={`Assign a shift to ${person.name} on ${day}`} onClick={() => open({ staffId: person.id, date, assignmentId: null })} style={props.compact ? { flex: 'none' } : undefined}>
      <IconPlus size={14} />
    </button>
  );
  if (!opened) return button;
  return (
    <Menu opened onChange={(o) => !o && open(null)} position="bottom-start" shadow="md" width={240} withinPortal>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {person.name} · {day}
        </Menu.Label>
        {types.length === 0 && <Menu.Item disabled>No shift types yet: define them in Rota setup.</Menu.Item>}
        {types.map((t) => (
          <Menu.Item key={t.id} leftSection={<span className={classes.swatch} style={props.styles.get(t.id)}>{t.code}</span>} onClick={() => props.actions.assign(person, date, t)}>
            {shiftTypeText(t)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function CoverageRows({ rota, rows, styles }: { rota: Rota; rows: Prepared['coverage']; styles: Map<number, CSSProperties> }) {
  if (rows.length === 0) return null;
  return (
    <tbody aria-label="Coverage">
      <tr className={classes.coverageHead}>
        <td colSpan={9}>Coverage: assigned / required</td>
      </tr>
      {rows.map((r) => {
        const label = `${r.shiftType.name} · ${STAFF_ROLE_LABELS[r.role]}`;
        const short = r.cells.reduce((n, c) => n + (c?.gap ?? 0), 0);
        return (
          <tr key={`${r.shiftType.id}|${r.role}`} aria-label={`Coverage ${label}`}>
            <th scope="row" className={classes.name}>
              <div className={classes.legend}>
                <span className={classes.swatch} style={styles.get(r.shiftType.id)}>
                  {r.shiftType.code}
                </span>
                <span>{STAFF_ROLE_LABELS[r.role]}</span>
              </div>
            </th>
            {r.cells.map((c, i) =>
              c ? (
                <td key={rota.days[i]} className={classes.coverage} data-gap={c.gap > 0 || undefined} aria-label={`${label}, ${shortDay(c.date)}: ${c.assigned} of ${c.required}${c.gap ? `, ${c.gap} short` : ''}`}>
                  {c.assigned} / {c.required}
                </td>
              ) : (
                <td key={rota.days[i]} className={classes.coverage} data-none>
                  –
                </td>
              ),
            )}
            <td className={classes.hours} data-over={short > 0 || undefined}>
              {short ? `${short} short` : 'covered'}
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
