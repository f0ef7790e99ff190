// The trail's anchors (administrators): signing keys, signed checkpoints, signing a checkpoint with a key file, exports.
import { useState, type ChangeEvent } from 'react';
import { Badge, Button, Card, EmptyState, Group, Modal, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconDownload, IconKey, IconSignature } from '@tabler/icons-react';
import type { AuditCheckpoint } from '@shared/contract/audit';
import { gmtOffset } from '@shared/domain/format';
import { api, isApiError } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { downloadBlob } from '../../components/download';
import { formatDateTime } from '../../components/format';

const short = (hex: string) => `${hex.slice(0, 12)}…`;

function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const create = useMutation({
    mutationFn: () => api.audit.createSigningKey({ passphrase }),
    onSuccess: ({ key, file }) => {
      downloadBlob(file.fileName, new Blob([file.contents], { type: 'application/x-pem-file' }));
      notifications.show({
        color: 'teal',
        title: 'Signing key created',
        message: `${file.fileName} was saved. Keep it off this computer (a USB key in a safe); note the fingerprint ${short(key.fingerprint)}.`,
        autoClose: false,
      });
      setPassphrase('');
      setAgain('');
      onClose();
    },
  });
  const mismatch = again.length > 0 && again !== passphrase;
  const fieldError = isApiError(create.error) ? create.error.fields?.passphrase : undefined;
  return (
    <Modal opened={opened} onClose={onClose} title="Create a signing key">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch) create.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            The private key is saved once, as a file encrypted with this passphrase; the app keeps only the public key. Without the file and the passphrase no
            checkpoint can be signed with it.
          </Text>
          <PasswordInput label="Passphrase" description="At least 12 characters" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} error={fieldError} data-autofocus />
          <PasswordInput label="Passphrase again" value={again} onChange={(e) => setAgain(e.currentTarget.value)} error={mismatch ? 'The passphrases differ.' : undefined} />
          {create.error && !fieldError && (
            <Text c="red" size="sm">
              {create.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={passphrase.length < 12 || mismatch || again !== passphrase} leftSection={<IconKey size={16} />}>
              Create and save key file
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SignCheckpointForm() {
  const [keyFile, setKeyFile] = useState('');
  const [fileName, setFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const sign = useMutation({
    mutationFn: () => api.audit.signCheckpoint({ keyFile, passphrase }),
    onSuccess: (c) => {
      notifications.show({ color: 'teal', title: `Checkpoint #${c.id} signed`, message: `Entry ${c.entryId} of the trail is now vouched for by key ${short(c.keyFingerprint)}.` });
      setPassphrase('');
    },
  });
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    setFileName(file?.name ?? '');
    setKeyFile(file ? await file.text() : '');
  };
  const fields = isApiError(sign.error) ? sign.error.fields : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        sign.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} component="label" htmlFor="audit-key-file">
            Key file
          </Text>
          <input id="audit-key-file" type="file" accept=".pem,application/x-pem-file" onChange={(e) => void pick(e)} aria-describedby="audit-key-file-name" />
          <Text id="audit-key-file-name" size="xs" c={fields?.keyFile ? 'red' : 'dimmed'}>
            {fields?.keyFile ?? (fileName || 'The .pem file saved when the key was created')}
          </Text>
        </Stack>
        <PasswordInput label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} error={fields?.passphrase} w={240} />
        <Button type="submit" loading={sign.isPending} disabled={!keyFile || !passphrase} leftSection={<IconSignature size={16} />}>
          Sign checkpoint
        </Button>
      </Group>
      {sign.error && !fields && (
        <Text c="red" size="sm" mt="xs" role="alert">
          {sign.error.message}
        </Text>
      )}
    </form>
  );
}

export function AuditAnchors({ timeZone }: { timeZone?: string }) {
  const [creating, setCreating] = useState(false);
  const keys = useChannelQuery('audit.signingKeys', undefined);
  const list = useChannelInfiniteQuery('audit.checkpoints', { limit: 20 }, {});
  const rows = pageItems(list.data);
  const exportFile = useMutation({
    mutationFn: () => api.audit.exportCheckpoints(),
    onSuccess: (f) => downloadBlob(f.fileName, new Blob([f.contents], { type: 'application/json' })),
  });

  const columns: Column<AuditCheckpoint>[] = [
    { key: 'id', header: 'Checkpoint', render: (c) => `#${c.id}`, csv: (c) => c.id, nowrap: true },
    { key: 'entry', header: 'Entry', render: (c) => c.entryId, csv: (c) => c.entryId },
    { key: 'hash', header: 'Entry hash', render: (c) => <Text size="xs" ff="monospace">{short(c.entryHash)}</Text>, csv: (c) => c.entryHash },
    { key: 'at', header: 'Signed', render: (c) => `${formatDateTime(c.signedAt, timeZone, true)} ${gmtOffset(c.signedAt, timeZone)}`, csv: (c) => c.signedAt, nowrap: true },
    { key: 'by', header: 'By', render: (c) => c.signedBy ?? '—', csv: (c) => c.signedBy ?? '' },
    { key: 'key', header: 'Key', render: (c) => <Text size="xs" ff="monospace">{short(c.keyFingerprint)}</Text>, csv: (c) => c.keyFingerprint },
    {
      key: 'signature',
      header: 'Signature',
      render: (c) => (
        <Badge color={c.signatureValid ? 'teal' : 'red'} variant="light">
          {c.signatureValid ? 'valid' : 'forged'}
        </Badge>
      ),
      csv: (c) => (c.signatureValid ? 'valid' : 'forged'),
    },
  ];

  return (
    <Card withBorder mb="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Signed checkpoints</Title>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setCreating(true)}>
            Create signing key
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => exportFile.mutate()} loading={exportFile.isPending}>
            Export checkpoints
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {keys.data?.length
          ? `Signing keys: ${keys.data.map((k) => `${short(k.fingerprint)} (${k.createdBy ?? 'unknown'})`).join(', ')}. `
          : 'No signing key yet: create one, keep its file, then sign a checkpoint. '}
        A checkpoint vouches for the trail up to its entry; Verify chain says which checkpoint the trail still matches.
      </Text>
      {!!keys.data?.length && <SignCheckpointForm />}
      <CreateKeyModal opened={creating} onClose={() => setCreating(false)} />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(c) => c.id}
        {...pagingOf(list)}
        csvName="audit-checkpoints"
        countLabel={(n) => `${n} ${n === 1 ? 'checkpoint' : 'checkpoints'}`}
        empty={<EmptyState icon={<IconSignature size={28} />} title="No checkpoints" description="None has been signed yet." />}
      />
    </Card>
  );
}
