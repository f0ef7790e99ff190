// A PDF made in main (base64) shown in the built-in viewer to print, or saved as a file: one way for every printed document.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { downloadBlob } from './download';

export interface PdfFile {
  fileName: string;
  pdfBase64: string;
  pages: number;
}

export function pdfBlob(base64: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/** Downloads the file under its own name. */
export function savePdf(file: PdfFile): void {
  downloadBlob(file.fileName, pdfBlob(file.pdfBase64));
}

/** A modal with the PDF in the built-in viewer (which has its own print button); ours asks the frame to print too. */
export function PdfPreviewModal({ file, title, onClose }: { file: PdfFile | null; title: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const u = URL.createObjectURL(pdfBlob(file.pdfBase64));
    setUrl(u);
    // The blob of a closed preview is let go.
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return (
    <Modal opened={file !== null} onClose={onClose} title={<Text fw={600}>{title}</Text>} size="80rem">
      {file && url && <PdfFrame url={url} fileName={file.fileName} pages={file.pages} />}
    </Modal>
  );
}

function PdfFrame({ url, fileName, pages }: { url: string; fileName: string; pages: number }) {
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);
  return (
    <Stack gap="sm">
      <iframe ref={setFrame} src={url} title={fileName} style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {fileName} · {pages} {pages === 1 ? 'page' : 'pages'}
        </Text>
        <Group gap="sm">
          <Button component="a" href={url} download={fileName} variant="default" leftSection={<IconDeviceFloppy size={16} />}>
            Save PDF
          </Button>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => frame?.contentWindow?.print()}>
            Print
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
