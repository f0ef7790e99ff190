// Wards of the hospital this desk works for: the occupancy board, the 14-day timeline, the census and the theatres.
import { useState, type ComponentType } from 'react';
import { Button, Tabs } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { CensusView } from './CensusView';
import { OccupancyBoardView, presetBoardFilters } from './OccupancyBoard';
import { TheatresView } from './TheatresView';
import { TimelineView } from './TimelineView';

const TABS = ['board', 'timeline', 'census', 'theatres'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = { board: 'Occupancy board', timeline: 'Timeline', census: 'Census', theatres: 'Theatres' };
const TAB_VIEWS: Record<Tab, ComponentType<{ hospitalId: number }>> = { board: OccupancyBoardView, timeline: TimelineView, census: CensusView, theatres: TheatresView };

export function WardsPage({ tab: given, floorId, status }: { tab?: string; floorId?: number; status?: string }) {
  const { hospital } = useSession();
  const mayOpen = useMayOpen();
  // A link to one ward or to the free beds opens the board filtered so.
  useState(() => (floorId || status) && presetBoardFilters({ floorId, status }));
  const tab: Tab = TABS.includes(given as Tab) ? (given as Tab) : 'board';
  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;

  return (
    <>
      <PageHeader
        title="Wards"
        description={`Beds of ${hospital.name} across all floors; changes at any desk show within seconds.`}
        actions={
          mayOpen('/wards/setup') && (
            <Button component="a" href={href('/wards/setup')} variant="default" leftSection={<IconSettings size={16} />}>
              Ward setup
            </Button>
          )
        }
      />
      <Tabs value={tab} onChange={(t) => navigate(t === 'board' ? '/wards' : `/wards?tab=${t}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {TAB_LABELS[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => {
          const View = TAB_VIEWS[t];
          return (
            <Tabs.Panel key={t} value={t}>
              <View key={hospital.id} hospitalId={hospital.id} />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}
