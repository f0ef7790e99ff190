// The signed-in frame: header (hospital, user), navigation of the areas that exist, and the routed page.
import type { ReactNode } from 'react';
import { AppShell, Avatar, Box, Button, Container, Group, Menu, NavLink, ScrollArea, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBed, IconCalendarTime, IconStethoscope } from '@tabler/icons-react';
import { IconCalendarUser, IconLayoutGrid } from '@tabler/icons-react';
import { IconReceipt } from '@tabler/icons-react';
import { IconFlask, IconPill } from '@tabler/icons-react';
import { IconMicroscope } from '@tabler/icons-react';
import { IconFileDollar, IconReportMoney } from '@tabler/icons-react';
import { IconChartBar } from '@tabler/icons-react';
import { IconFileImport } from '@tabler/icons-react';
import { IconBuildingHospital, IconChevronDown, IconHistory, IconHome, IconId, IconLock, IconLogout, IconSettings, IconShieldLock, IconUsers, IconUserHeart } from '@tabler/icons-react';
import { ROLE_LABELS } from '@shared/domain/roles';
import { useLiveRefresh } from '../api/queries';
import { EmptyPage } from '../components/PageHeader';
import { AppointmentsPage, BookingPage, DoctorDayPage } from '../features/appointments';
import { AuditPage, TamperBanner } from '../features/audit';
import { HomePage } from '../features/dashboard';
import { BillingSettingsPage, CatalogPage, InvoicePage, InvoicesPage, PatientChargesPage } from '../features/billing';
import { PatientPage, PatientsPage, RegisterPatientPage } from '../features/patients';
import { readsReports, ReportPage, ReportsPage } from '../features/reports';
import { ClinicalSetupPage } from '../features/clinical-setup';
import { EncounterPage, ResultsPage } from '../features/clinical';
import { ImportPage } from '../features/imports';
import { MedicinePage, PharmacyPage } from '../features/pharmacy';
import { MySlipsPage, OneOffsPage, PayrollSettingsPage, RunPage, RunsPage, SlipPage } from '../features/payroll';
import { SettingsPage } from '../features/settings';
import { LeavePage, MyShiftsPage, RotaPage, RotaSetupPage } from '../features/shifts';
import { DepartmentsPage, StaffMemberPage, StaffPage } from '../features/staff';
import { PermissionsPage, UsersPage } from '../features/users';
import { WardSetupPage, WardsPage } from '../features/wards';
import { DbBanner } from './DbBanner';
import { Brand } from './PublicLayout';
import { mayOpenRoute } from './pages';
import { href, useRoute, type Route } from './router';
import { useMayOpen, useSession } from './session';

interface NavItem {
  label: string;
  path: string;
  icon: ReactNode;
  visible: boolean;
  active: (r: Route) => boolean;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function Shell() {
  const { session, hasRole, can, hospitals, hospital, setHospitalId, lock, signOut } = useSession();
  const route = useRoute();
  // Every screen below refreshes when records it shows change, here or at another workstation.
  useLiveRefresh();
  const isAdmin = hasRole('admin');
  // An area is in the navigation when its page would open (pages.ts: the channel behind it, at this desk's hospital).
  const open = useMayOpen();

  const nav: NavItem[] = [
    { label: 'Home', path: '/', icon: <IconHome size={18} />, visible: true, active: (r) => r.name === 'home' },
    { label: 'Patients', path: '/patients', icon: <IconUserHeart size={18} />, visible: open('/patients'), active: (r) => r.name.startsWith('patient') },
    { label: 'Schedule', path: '/appointments', icon: <IconCalendarTime size={18} />, visible: open('/appointments'), active: (r) => r.name === 'appointments' || r.name === 'appointment-book' },
    { label: hasRole('doctor') ? 'My day' : 'Doctor’s day', path: '/my-day', icon: <IconStethoscope size={18} />, visible: open('/my-day'), active: (r) => r.name === 'my-day' },
    { label: 'Results', path: '/results', icon: <IconMicroscope size={18} />, visible: open('/results'), active: (r) => r.name === 'results' },
    { label: 'Wards', path: '/wards', icon: <IconBed size={18} />, visible: open('/wards'), active: (r) => r.name === 'wards' || r.name === 'ward-setup' },
    { label: 'Rota', path: '/rota', icon: <IconLayoutGrid size={18} />, visible: open('/rota'), active: (r) => r.name.startsWith('rota') },
    { label: 'My shifts', path: '/my-shifts', icon: <IconCalendarUser size={18} />, visible: true, active: (r) => r.name === 'my-shifts' },
    { label: 'My slips', path: '/my-slips', icon: <IconFileDollar size={18} />, visible: true, active: (r) => r.name === 'my-slips' },
    { label: 'Billing', path: '/billing', icon: <IconReceipt size={18} />, visible: open('/billing'), active: (r) => r.name.startsWith('billing') },
    { label: 'Payroll', path: '/payroll', icon: <IconReportMoney size={18} />, visible: open('/payroll'), active: (r) => r.name.startsWith('payroll') },
    { label: 'Reports', path: '/reports', icon: <IconChartBar size={18} />, visible: readsReports(can), active: (r) => r.name === 'reports' || r.name === 'report' },
    { label: 'Pharmacy', path: '/pharmacy', icon: <IconPill size={18} />, visible: open('/pharmacy'), active: (r) => r.name.startsWith('pharmacy') },
    { label: 'Staff', path: '/staff', icon: <IconId size={18} />, visible: open('/staff'), active: (r) => r.name === 'staff' || r.name === 'staff-member' },
    { label: 'Departments', path: '/departments', icon: <IconBuildingHospital size={18} />, visible: open('/departments'), active: (r) => r.name === 'departments' },
    { label: 'Users', path: '/users', icon: <IconUsers size={18} />, visible: open('/users'), active: (r) => r.name === 'users' },
    { label: 'Permissions', path: '/permissions', icon: <IconShieldLock size={18} />, visible: open('/permissions'), active: (r) => r.name === 'permissions' },
    { label: 'Clinical setup', path: '/clinical-setup', icon: <IconFlask size={18} />, visible: open('/clinical-setup'), active: (r) => r.name === 'clinical-setup' },
    { label: 'Import', path: '/import', icon: <IconFileImport size={18} />, visible: open('/import'), active: (r) => r.name === 'import' },
    { label: 'Audit trail', path: '/audit', icon: <IconHistory size={18} />, visible: open('/audit'), active: (r) => r.name === 'audit' },
    { label: 'Settings', path: '/settings', icon: <IconSettings size={18} />, visible: open('/settings'), active: (r) => r.name === 'settings' },
  ];
  const visible = nav.filter((n) => n.visible);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 0 }} padding={0}>
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Brand />
            <Box h={28} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }} />
            {hospitals.length > 1 ? (
              <Select
                aria-label="Working at hospital"
                data={hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
                value={hospital ? String(hospital.id) : null}
                onChange={(v) => v && setHospitalId(Number(v))}
                allowDeselect={false}
                w={260}
                size="sm"
                variant="filled"
              />
            ) : (
              <Text fw={500} c="gray.8" data-testid="hospital-name">
                {hospital?.name ?? ''}
              </Text>
            )}
          </Group>
          <Menu position="bottom-end" width={240} shadow="md">
            <Menu.Target>
              <UnstyledButton aria-label="Account menu">
                <Group gap="sm" wrap="nowrap">
                  <Avatar color="teal" radius="xl" size={34}>
                    {initials(session.user.fullName)}
                  </Avatar>
                  <Stack gap={0}>
                    <Text size="sm" fw={600} lh={1.2}>
                      {session.user.fullName}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2}>
                      {session.user.roles.map((r) => ROLE_LABELS[r]).join(', ')}
                    </Text>
                  </Stack>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Signed in as {session.user.username}</Menu.Label>
              <Menu.Item leftSection={<IconLock size={16} />} onClick={lock}>
                Lock screen
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Areas">
            <Stack gap={4}>
              {visible.map((n) => (
                <NavLink key={n.path} href={href(n.path)} label={n.label} leftSection={n.icon} active={n.active(route)} variant="light" style={{ borderRadius: 8 }} />
              ))}
            </Stack>
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={6} p="xs">
            <Button variant="subtle" color="gray" size="xs" leftSection={<IconLock size={14} />} onClick={lock} justify="flex-start">
              Lock screen
            </Button>
            <Text size="xs" c="dimmed" px={6}>
              Locks after {session.idleLockMinutes} min without use
            </Text>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <DbBanner top={60} />
        {isAdmin && <TamperBanner top={60} />}
        <Container size="xl" py="lg" px="xl">
          <Page route={route} />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

/** The routed page, for those who may open it (pages.ts: the channel behind it, at this desk's hospital). */
function Page({ route }: { route: Route }) {
  const session = useSession();
  if (!mayOpenRoute(route, session)) return <EmptyPage title="Not available to your role" description="Ask an administrator if you need access to this area." />;
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'patients':
      return <PatientsPage />;
    case 'patient-new':
      return <RegisterPatientPage />;
    case 'patient':
      return <PatientPage key={route.id} id={route.id} />;
    case 'appointments':
      return <AppointmentsPage key={route.status ?? ''} date={route.date} status={route.status} />;
    case 'appointment-book':
      return <BookingPage key={route.patientId ?? 0} patientId={route.patientId} />;
    case 'my-day':
      return <DoctorDayPage doctorId={route.doctorId} date={route.date} />;
    case 'staff':
      return <StaffPage />;
    case 'staff-member':
      return <StaffMemberPage key={route.id} id={route.id} />;
    case 'departments':
      return <DepartmentsPage />;
    case 'wards':
      return <WardsPage key={`${route.floorId}-${route.status}`} tab={route.tab} floorId={route.floorId} status={route.status} />;
    case 'ward-setup':
      return <WardSetupPage />;
    case 'rota':
      return <RotaPage departmentId={route.departmentId} week={route.week} />;
    case 'rota-setup':
      return <RotaSetupPage />;
    case 'rota-leave':
      return <LeavePage />;
    case 'my-shifts':
      return <MyShiftsPage />;
    case 'billing':
      return <InvoicesPage key={`${route.status}-${route.from}-${route.to}`} status={route.status} from={route.from} to={route.to} />;
    case 'billing-patient':
      return <PatientChargesPage key={route.id} patientId={route.id} />;
    case 'billing-invoice':
      return <InvoicePage key={route.id} id={route.id} />;
    case 'billing-catalog':
      return <CatalogPage />;
    case 'billing-settings':
      return <BillingSettingsPage />;
    case 'payroll':
      return <RunsPage />;
    case 'payroll-run':
      return <RunPage key={route.id} id={route.id} />;
    case 'payroll-slip':
      return <SlipPage key={route.id} id={route.id} />;
    case 'payroll-one-offs':
      return <OneOffsPage />;
    case 'payroll-settings':
      return <PayrollSettingsPage />;
    case 'my-slips':
      return <MySlipsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'report':
      return <ReportPage key={`${route.report}?${route.period}&${route.from}&${route.to}&${route.hospitalIds}`} slug={route.report} from={route.from} to={route.to} period={route.period} hospitalIds={route.hospitalIds} />;
    case 'pharmacy':
      return <PharmacyPage tab={route.tab} />;
    case 'pharmacy-item':
      return <MedicinePage key={route.id} id={route.id} />;
    case 'encounter':
      return <EncounterPage key={route.id} id={route.id} />;
    case 'results':
      return <ResultsPage />;
    case 'clinical-setup':
      return <ClinicalSetupPage tab={route.tab} />;
    case 'users':
      return <UsersPage />;
    case 'permissions':
      return <PermissionsPage hospitalId={route.hospitalId} />;
    case 'import':
      return <ImportPage />;
    case 'audit':
      return <AuditPage key={`${route.entity}-${route.entityId}`} entity={route.entity} entityId={route.entityId} />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <EmptyPage title="Page not found" description={`There is nothing at “${route.path}”.`} />;
  }
}
