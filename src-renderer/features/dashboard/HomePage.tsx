// The home screen: each of the caller's roles has a card of live numbers for the hospital this desk works for, and
// managers see the chain beside it; every number opens the list behind it. dashboard.get shows the records its
// numbers count, so a booking, admission or invoice at any desk refreshes it.
import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Box, Center, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconBed, IconBuildingHospital, IconCalendarTime, IconChartPie, IconPill, IconReceipt, IconStethoscope, IconUsersGroup } from '@tabler/icons-react';
import type { BedFigures, Dashboard, Figure, HospitalDashboard, ManagerFigures, MoneyFigure, RateFigure } from '@shared/contract/dashboard';
import { useChannelQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { counted, formatMoney, formatTime } from '../../components/format';
import classes from './dashboard.module.css';

const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const monthName = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function greeting(timeZone: string): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(new Date()));
  return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
}

export function HomePage() {
  const { session, hospital, hospitals, hasRole } = useSession();
  // The chain's figures need every hospital; anyone else asks for the desk's hospital only, so work at other
  // hospitals does not refresh their screen.
  const chainWide = hasRole('manager', 'admin') && hospitals.length > 1;
  const answer = useChannelQuery('dashboard.get', chainWide || !hospital ? {} : { hospitalId: hospital.id }, { staleTime: 5_000, placeholderData: (previous) => previous });
  const data = answer.data;
  const here = data?.hospitals.find((h) => h.hospitalId === hospital?.id) ?? data?.hospitals[0];
  const firstName = session.user.fullName.split(/\s+/)[0];

  return (
    <Stack gap="lg" className={classes.page}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>
            {here ? greeting(here.timeZone) : 'Welcome'}, {firstName}
          </Title>
          <Text c="dimmed" size="sm" mt={2}>
            {here ? `${longDate(here.today)} at ${here.hospitalName}` : hospital?.name}
            {' · '}the numbers change as the desks work
          </Text>
        </div>
      </Group>
      {answer.error ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The home screen could not be loaded">
          {answer.error.message}
        </Alert>
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <>
          {hasRole('pharmacist') && hospital && <PharmacySection hospitalId={hospital.id} />}
          {data.sections.length === 0 || !here ? <YourAreas /> : <Sections data={data} here={here} manyHospitals={hospitals.length > 1} />}
        </>
      )}
    </Stack>
  );
}

/** The main screens of the user's work, for a role without numbers on the home screen (a pharmacist: the queue first). */
const MAIN_SCREENS: { label: string; hint: string; path: string }[] = [
  { label: 'Dispensing queue', hint: 'Prescriptions waiting to be dispensed', path: '/pharmacy?tab=queue' },
  { label: 'Medicine stock', hint: 'What is on the shelf, what runs low or expires', path: '/pharmacy?tab=stock' },
  { label: 'Patients', hint: 'Find a patient and their record', path: '/patients' },
  { label: 'Wards', hint: 'Beds and who is in them', path: '/wards' },
  { label: 'My shifts', hint: 'Your shifts on the rota', path: '/my-shifts' },
  { label: 'My slips', hint: 'Your salary slips', path: '/my-slips' },
];

function YourAreas() {
  const mayOpen = useMayOpen();
  const screens = MAIN_SCREENS.filter((m) => mayOpen(m.path));
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Your areas">
      <Title order={4} fw={600} mb="md">
        Your areas
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {screens.map((m) => (
          <UnstyledButton key={m.path} component="a" href={href(m.path)} className={classes.tile} aria-label={m.label}>
            <Text fw={600}>{m.label}</Text>
            <Text size="xs" c="dimmed">
              {m.hint}
            </Text>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** Counted up to this many: a longer queue reads "100+" (the queue's own page shows them all). */
const QUEUE_COUNTED = 100;

/**
 * The pharmacist's numbers, from the pharmacy's own reads: prescriptions waiting in the queue, medicines at or below
 * their reorder level, and batches expiring soon or expired. Each opens the list it counts; a number the role may not
 * read is left out.
 */
function PharmacySection({ hospitalId }: { hospitalId: number }) {
  const { can } = useSession();
  const mayQueue = can('prescriptions.list', hospitalId);
  const mayStock = can('pharmacy.stock', hospitalId);
  const queue = useChannelQuery('prescriptions.list', { hospitalId, status: 'to_dispense', limit: QUEUE_COUNTED }, { enabled: mayQueue, staleTime: 5_000, placeholderData: (previous) => previous });
  const stock = useChannelQuery('pharmacy.stock', { hospitalId }, { enabled: mayStock, staleTime: 5_000, placeholderData: (previous) => previous });
  if (!mayQueue && !mayStock) return null;
  const failed = queue.error ?? stock.error;
  if (failed) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The pharmacy's numbers could not be loaded">
        {failed.message}
      </Alert>
    );
  }
  if ((mayQueue && !queue.data) || (mayStock && !stock.data)) {
    return (
      <Center py="md">
        <Loader size="sm" />
      </Center>
    );
  }
  const waiting = queue.data?.items.length ?? 0;
  const low = stock.data?.lowStock.length ?? 0;
  const expired = stock.data?.expiring.filter((b) => b.expired).length ?? 0;
  const expiring = (stock.data?.expiring.length ?? 0) - expired;
  return (
    <Section title="Pharmacy" subtitle="The dispensing queue and the shelf now" icon={<IconPill size={18} />} label="Pharmacy">
      <SimpleGrid cols={{ base: 1, sm: mayQueue && mayStock ? 4 : 3 }} spacing="sm">
        {mayQueue && (
          <Stat
            label="Prescriptions to dispense"
            hint="waiting in the queue"
            figure={{ value: waiting, route: '/pharmacy?tab=queue', ...(queue.data?.nextCursor ? { atLeast: true as const } : {}) }}
            tone={waiting > 0 ? 'teal' : undefined}
            strong
          />
        )}
        {mayStock && (
          <>
            <Stat label="Low stock" hint="at or below the reorder level" figure={{ value: low, route: '/pharmacy?tab=alerts' }} tone={low > 0 ? 'orange' : undefined} />
            <Stat label="Batches expiring" hint="within 90 days" figure={{ value: expiring, route: '/pharmacy?tab=alerts' }} tone={expiring > 0 ? 'orange' : undefined} />
            <Stat label="Expired on the shelf" figure={{ value: expired, route: '/pharmacy?tab=alerts' }} tone={expired > 0 ? 'red' : undefined} />
          </>
        )}
      </SimpleGrid>
    </Section>
  );
}

function Sections({ data, here, manyHospitals }: { data: Dashboard; here: HospitalDashboard; manyHospitals: boolean }) {
  const opens = useOpens();
  return (
    <>
      {here.frontDesk && (
        <Section title="Front desk" subtitle={frontDeskLine(here.frontDesk)} icon={<IconCalendarTime size={18} />} label="Front desk">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
            <Stat label="Waiting to be seen" hint="checked in" figure={here.frontDesk.checkInQueue} tone="teal" strong />
            <Stat label="Still to arrive" figure={here.frontDesk.appointments.booked} />
            <Stat label="Seen" figure={here.frontDesk.appointments.completed} />
            <Stat label="No-shows" figure={here.frontDesk.appointments.no_show} tone={here.frontDesk.appointments.no_show.value > 0 ? 'orange' : undefined} />
            <Stat label="Cancelled" figure={here.frontDesk.appointments.cancelled} />
            <Stat label="Beds free now" figure={here.frontDesk.bedsFreeNow} tone="blue" />
          </SimpleGrid>
          <TodaysPeople here={here} />
        </Section>
      )}
      {here.doctor && (
        <Section title="My patients today" subtitle={here.doctor.doctorId === null ? 'No doctor’s record is linked to your account' : 'Your queue and your results'} icon={<IconStethoscope size={18} />} label="My patients today">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Stat label="Waiting for me" hint="checked in" figure={here.doctor.waiting} tone="teal" strong />
            <Stat label="Still to come" figure={here.doctor.toCome} />
            <Stat label="Seen today" figure={here.doctor.seen} />
            <Stat label="Results to review" figure={here.doctor.resultsWaiting} tone={here.doctor.resultsWaiting.value > 0 ? 'grape' : undefined} />
          </SimpleGrid>
        </Section>
      )}
      {here.nurse && (
        <Section title="Wards" subtitle="Beds across the hospital's wards now" icon={<IconBed size={18} />} label="Wards">
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            <Stat label="Beds free" hint={`of ${here.nurse.total.usable} in use`} figure={{ value: here.nurse.total.free, route: '/wards?status=free' }} tone="blue" strong />
            <Stat label="Patients in" hint={`${here.nurse.total.percent}% occupied`} figure={{ value: here.nurse.total.occupied, route: '/wards?status=occupied' }} />
            <Stat label="Expected to go home today" figure={here.nurse.dischargesToday} tone={here.nurse.dischargesToday.value > 0 ? 'teal' : undefined} />
          </SimpleGrid>
          {here.nurse.wards.length > 0 && (
            <Stack gap={6} mt="md" aria-label="Beds by ward">
              {here.nurse.wards.map((w) => (
                <WardLine key={w.floorId} name={w.name} beds={w} />
              ))}
            </Stack>
          )}
        </Section>
      )}
      {here.billing && (
        <Section title="Billing" subtitle="Charges, today's invoices and what patients owe" icon={<IconReceipt size={18} />} label="Billing">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Stat label="Unbilled charges" hint="on no invoice yet" figure={here.billing.unbilledCharges} tone={here.billing.unbilledCharges.value > 0 ? 'orange' : undefined} strong />
            <Stat label="Invoices issued today" figure={here.billing.issuedToday} amounts={here.billing.issuedTodayAmounts} />
            <Stat label="Open invoices" hint="still owed" figure={here.billing.openInvoices} amounts={here.billing.receivables} />
          </SimpleGrid>
        </Section>
      )}
      {here.hr && (
        <Section title="Staff" subtitle={`The week from ${longDate(here.hr.weekStart)}`} icon={<IconUsersGroup size={18} />} label="Staff">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Stat
              label="Shifts short of staff"
              hint={here.hr.missingPeople ? `${here.hr.missingPeople} ${here.hr.missingPeople === 1 ? 'person' : 'people'} missing this week` : 'every shift covered'}
              figure={here.hr.coverageGaps}
              tone={here.hr.coverageGaps.value > 0 ? 'orange' : 'teal'}
              strong
            />
            <Stat label="On leave today" figure={here.hr.onLeaveToday} />
            <PayrollTile payroll={here.hr.payroll} />
          </SimpleGrid>
          {here.hr.gapsByDepartment.length > 0 && (
            <Group gap="xs" mt="sm" aria-label="Gaps by department">
              {here.hr.gapsByDepartment.map((g) => (
                <Anchor key={g.departmentId} {...opens(g.route)} size="sm" underline="never">
                  <Badge variant="light" color="orange" tt="none" radius="sm" size="lg">
                    {g.departmentName}: {g.shifts} {g.shifts === 1 ? 'shift' : 'shifts'} short
                  </Badge>
                </Anchor>
              ))}
            </Group>
          )}
        </Section>
      )}
      {here.manager && (
        <Section title={`${here.hospitalName} at a glance`} subtitle={`Revenue of ${monthName(here.month)}; no-shows over the 30 days before today`} icon={<IconChartPie size={18} />} label="At a glance">
          <ManagerTiles m={here.manager} />
        </Section>
      )}
      {data.chain && manyHospitals && data.hospitals.length > 1 && <ChainSection chain={data.chain} hospitals={data.hospitals} />}
    </>
  );
}

function frontDeskLine(f: NonNullable<HospitalDashboard['frontDesk']>): string {
  const day = Object.entries(f.appointments).reduce((n, [status, fig]) => n + (status === 'cancelled' ? 0 : fig.value), 0);
  return `${day} ${day === 1 ? 'appointment' : 'appointments'} today (cancelled ones not counted), and the beds free now`;
}

/** Who is waiting and who comes next: the front desk's two short lists of today, from the hospital's day schedule. */
function TodaysPeople({ here }: { here: HospitalDashboard }) {
  const day = useChannelQuery('appointments.daySchedule', { hospitalId: here.hospitalId, date: here.today }, { staleTime: 5_000, placeholderData: (previous) => previous });
  const opens = useOpens();
  const list = day.data?.appointments ?? [];
  const waiting = list.filter((a) => a.status === 'checked_in').sort((a, b) => (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? '')).slice(0, 5);
  const next = list.filter((a) => a.status === 'booked').sort((a, b) => a.start.localeCompare(b.start)).slice(0, 5);
  if (!day.data) return null;
  const rows = (items: typeof list, empty: string, when: (a: (typeof list)[number]) => string) =>
    items.length === 0 ? (
      <Text size="sm" c="dimmed" py={4}>
        {empty}
      </Text>
    ) : (
      items.map((a) => (
        <UnstyledButton key={a.id} {...opens(`/patients/${a.patientId}`, here.hospitalId)} className={classes.ward} aria-label={`${when(a)} ${a.patientName} with ${a.doctorName}`}>
          <Text size="sm" c="dimmed" w={64} className={classes.number}>
            {when(a)}
          </Text>
          <Text size="sm" fw={500} style={{ flex: 1 }} truncate>
            {a.patientName}
          </Text>
          <Text size="sm" c="dimmed" truncate>
            {a.doctorName}
          </Text>
        </UnstyledButton>
      ))
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mt="md">
      <Stack gap={2} aria-label="Waiting now">
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" className={classes.tileLabel} mb={4}>
          Waiting now
        </Text>
        {rows(waiting, 'Nobody is waiting.', (a) => (a.queueNumber ? `No. ${a.queueNumber}` : formatTime(a.start, here.timeZone)))}
      </Stack>
      <Stack gap={2} aria-label="Next to arrive">
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" className={classes.tileLabel} mb={4}>
          Next to arrive
        </Text>
        {rows(next, 'Nobody else is expected today.', (a) => formatTime(a.start, here.timeZone))}
      </Stack>
    </SimpleGrid>
  );
}

/**
 * A tile or line is a link to the list behind it for those who may open that list; for anyone else the same words
 * without a link (nobody is sent to "Not available to your role").
 */
function useOpens(): (route: string, hospitalId?: number) => { component: 'a'; href: string } | { component: 'div' } {
  const mayOpen = useMayOpen();
  return (route, hospitalId) => (mayOpen(route, hospitalId) ? { component: 'a', href: href(route) } : { component: 'div' });
}

function Section({ title, subtitle, icon, label, children }: { title: string; subtitle: string; icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={label} className={classes.section}>
      <Group gap="sm" mb="md" wrap="nowrap">
        <ThemeIcon variant="light" radius="md" size={34}>
          {icon}
        </ThemeIcon>
        <div>
          <Title order={4} fw={600} lh={1.2}>
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {subtitle}
          </Text>
        </div>
      </Group>
      {children}
    </Paper>
  );
}

/** One number and its label: the whole tile is the link to the list it counts. */
function Stat({ label, hint, figure, tone, strong, amounts, display, small }: { label: string; hint?: string; figure: Figure; tone?: string; strong?: boolean; amounts?: MoneyFigure[]; display?: string; small?: boolean }) {
  const opens = useOpens();
  return (
    <UnstyledButton {...opens(figure.route)} className={classes.tile} data-strong={strong || undefined} aria-label={`${label}: ${display ?? `${figure.value}${figure.atLeast ? ' or more' : ''}`}`} data-testid="dashboard-figure">
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" className={classes.tileLabel}>
        {label}
      </Text>
      <Text fz={small ? 24 : 30} fw={650} lh={1.25} c={tone ? `${tone}.8` : undefined} className={classes.number}>
        {display ?? `${figure.value.toLocaleString('en')}${figure.atLeast ? '+' : ''}`}
      </Text>
      {amounts && amounts.length > 0 ? (
        <Stack gap={0}>
          {amounts.map((a) => (
            <Text key={a.currency} size="sm" fw={500} c="gray.7">
              {formatMoney(a.amount, a.currency)}
            </Text>
          ))}
        </Stack>
      ) : (
        hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )
      )}
    </UnstyledButton>
  );
}

const PAYROLL_TONES = { none: 'gray', draft: 'yellow', finalized: 'teal' } as const;
const PAYROLL_WORDS = { none: 'Not started', draft: 'Draft', finalized: 'Finalized' } as const;

function PayrollTile({ payroll }: { payroll: NonNullable<HospitalDashboard['hr']>['payroll'] }) {
  const opens = useOpens();
  return (
    <UnstyledButton {...opens(payroll.route)} className={classes.tile} aria-label={`Payroll of ${monthName(payroll.month)}: ${PAYROLL_WORDS[payroll.status]}`} data-testid="dashboard-figure">
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" className={classes.tileLabel}>
        Payroll of {monthName(payroll.month)}
      </Text>
      <Box py={6}>
        <Badge size="lg" variant="light" color={PAYROLL_TONES[payroll.status]} tt="none" radius="sm">
          {PAYROLL_WORDS[payroll.status]}
        </Badge>
      </Box>
      <Text size="xs" c="dimmed">
        {payroll.paidOn ? `paid on ${new Date(`${payroll.paidOn}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}` : payroll.status === 'none' ? 'no run yet' : 'not paid yet'}
      </Text>
    </UnstyledButton>
  );
}

function WardLine({ name, beds }: { name: string; beds: BedFigures }) {
  const share = (n: number) => (beds.beds ? (n / beds.beds) * 100 : 0);
  const opens = useOpens();
  return (
    <UnstyledButton {...opens(beds.route)} className={classes.ward} aria-label={`${name}: ${beds.occupied} of ${beds.usable} beds occupied, ${beds.free} free`}>
      <Text size="sm" fw={500} w={150} truncate>
        {name}
      </Text>
      <Tooltip label={`${beds.occupied} occupied · ${beds.reserved} reserved · ${beds.cleaning} cleaning · ${beds.free} free${beds.outOfService ? ` · ${beds.outOfService} out of service` : ''}`} withArrow>
        <Progress.Root size={10} radius="xl" style={{ flex: 1 }}>
          <Progress.Section value={share(beds.occupied)} color="teal.6" />
          <Progress.Section value={share(beds.reserved)} color="indigo.3" />
          <Progress.Section value={share(beds.cleaning)} color="yellow.4" />
          <Progress.Section value={share(beds.outOfService)} color="gray.5" />
        </Progress.Root>
      </Tooltip>
      <Text size="sm" c="dimmed" w={150} ta="right">
        {beds.free} free · {beds.percent}%
      </Text>
    </UnstyledButton>
  );
}

const percentText = (r: RateFigure) => (r.percent === null ? '—' : `${r.percent}%`);

function ManagerTiles({ m }: { m: ManagerFigures }) {
  const [first, ...others] = m.revenueThisMonth;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Stat label="Occupancy" hint={`${m.occupancy.part} of ${m.occupancy.whole} beds`} figure={{ value: m.occupancy.part, route: m.occupancy.route }} display={percentText(m.occupancy)} strong />
      <Stat label="Appointments today" hint="not counting cancelled" figure={m.appointmentsToday} />
      <Stat
        label="Revenue this month"
        figure={{ value: first?.amount ?? 0, route: first?.route ?? '/billing' }}
        display={first ? formatMoney(first.amount, first.currency) : '—'}
        amounts={others}
        hint={first ? 'invoiced, voided ones left out' : 'nothing invoiced yet'}
        small
      />
      <Stat
        label="No-show rate"
        hint={m.noShowRate.whole ? `${m.noShowRate.part} of ${m.noShowRate.whole} due, last 30 days` : 'no visits due in the last 30 days'}
        figure={{ value: m.noShowRate.part, route: m.noShowRate.route }}
        display={percentText(m.noShowRate)}
        tone={(m.noShowRate.percent ?? 0) >= 15 ? 'orange' : undefined}
      />
    </SimpleGrid>
  );
}

/** The chain: its totals, then one row per hospital; a hospital's number switches the desk to it and opens its list. */
function ChainSection({ chain, hospitals }: { chain: ManagerFigures; hospitals: HospitalDashboard[] }) {
  const { setHospitalId } = useSession();
  const mayOpen = useMayOpen();
  const open = (hospitalId: number, route: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    setHospitalId(hospitalId);
    navigate(route);
  };
  const cell = (h: HospitalDashboard, route: string, text: ReactNode, label: string) =>
    mayOpen(route, h.hospitalId) ? (
      <Anchor href={href(route)} onClick={open(h.hospitalId, route)} fw={500} underline="hover" aria-label={`${h.hospitalName}: ${label}`}>
        {text}
      </Anchor>
    ) : (
      <Text span size="sm" fw={500} aria-label={`${h.hospitalName}: ${label}`}>
        {text}
      </Text>
  );
  const money = (list: MoneyFigure[]) => (list.length ? list.map((a) => formatMoney(a.amount, a.currency)).join(' · ') : '—');
  return (
    <Section title="The chain" subtitle={`${counted(hospitals.length, 'hospital')}; money by currency, never converted`} icon={<IconBuildingHospital size={18} />} label="The chain">
      <ManagerTiles m={chain} />
      <Table.ScrollContainer minWidth={640} mt="md">
        <Table verticalSpacing="xs" highlightOnHover aria-label="Hospitals of the chain">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Hospital</Table.Th>
              <Table.Th ta="right">Occupancy</Table.Th>
              <Table.Th ta="right">Appointments today</Table.Th>
              <Table.Th ta="right">Revenue this month</Table.Th>
              <Table.Th ta="right">No-show rate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hospitals
              .filter((h) => h.manager)
              .map((h) => {
                const m = h.manager!;
                return (
                  <Table.Tr key={h.hospitalId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {h.hospitalName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {longDate(h.today)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{cell(h, m.occupancy.route, percentText(m.occupancy), `occupancy ${percentText(m.occupancy)}`)}</Table.Td>
                    <Table.Td ta="right">{cell(h, m.appointmentsToday.route, m.appointmentsToday.value, `${counted(m.appointmentsToday.value, 'appointment')} today`)}</Table.Td>
                    <Table.Td ta="right">{cell(h, m.revenueThisMonth[0]?.route ?? '/billing', money(m.revenueThisMonth), `revenue ${money(m.revenueThisMonth)}`)}</Table.Td>
                    <Table.Td ta="right">{cell(h, m.noShowRate.route, percentText(m.noShowRate), `no-show rate ${percentText(m.noShowRate)}`)}</Table.Td>
                  </Table.Tr>
                );
              })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

