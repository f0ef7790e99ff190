// #/import (administrators): a CSV file of patients, staff, doctors, rooms or past appointments in four steps: the
// file (encoding and delimiter shown), its columns (mapping and date format), the dry run (every problem, nothing
// written) and the import itself (all or nothing, with progress and a way to stop it before it commits).
import { useEffect, useRef, useState } from 'react';
import { Stepper } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { Events } from '@shared/contract';
import type { ImportInput, ImportPreview, ImportResult } from '@shared/contract/imports';
import { MAX_IMPORT_CHARS } from '@shared/contract/imports';
import { decodeCsvBytes, type DateFormat, type ImportDelimiter, type ImportKind, type TextEncodingName } from '@shared/domain/csv-import';
import { api, isApiError, onEvent } from '../../api/client';
import { useSession } from '../../app/session';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { CheckStep } from './CheckStep';
import { CommitStep } from './CommitStep';
import { CheckProgress, FileStep } from './FileStep';
import { HistoryPanel } from './HistoryPanel';
import { MappingStep } from './MappingStep';

export interface LoadedFile {
  raw: File;
  name: string;
  size: number;
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/** What the administrator decided about the file; sent with every preview and with the commit. */
export interface ImportChoices {
  delimiter?: ImportDelimiter;
  mapping?: Record<string, string | null>;
  dateFormat?: DateFormat;
  values?: Record<string, Record<string, string>>;
  createMissing: boolean;
  acknowledgeDuplicates: boolean;
}

export type Progress = Events['import.progress'];

const FRESH: ImportChoices = { createMissing: false, acknowledgeDuplicates: false };

/** A commit stopped by `import.cancel` answers with an error; it is told apart from a failure by having been asked for. */
export type CommitOutcome = { result: ImportResult } | { cancelled: true };

/** What a check reads: the kind, the hospital and the file (passed explicitly when they change in the same click). */
interface Target {
  kind: ImportKind;
  hospitalId: number | null;
  file: LoadedFile | null;
}

export function ImportPage() {
  const { hospital, hospitals } = useSession();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('patients');
  const [hospitalId, setHospitalId] = useState<number | null>(hospital?.id ?? null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [choices, setChoices] = useState<ImportChoices>(FRESH);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  /** How the mapping first came: remembered from a file of the same shape, or proposed from the headers. */
  const [mappingOrigin, setMappingOrigin] = useState<ImportPreview['mappingSource'] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const job = useRef<string | null>(null);
  const cancelAsked = useRef(false);
  const stopAsked = useRef(false);

  useEffect(() => onEvent('import.progress', (e) => setProgress((p) => (e.jobId === job.current ? e : p))), []);

  const current: Target = { kind, hospitalId, file };
  const input = (t: Target, c: ImportChoices, jobId: string): ImportInput => ({
    hospitalId: t.hospitalId!,
    kind: t.kind,
    csv: t.file!.text,
    fileName: t.file!.name,
    ...c,
    jobId,
  });
  const newJob = (what: string) => {
    job.current = `import-${what}-${crypto.randomUUID()}`;
    setProgress(null);
    return job.current;
  };

  const check = useMutation({
    mutationFn: async ({ c, target = current }: { c: ImportChoices; next?: number; target?: Target }) => {
      stopAsked.current = false;
      try {
        return await api.import.preview(input(target, c, newJob('preview')));
      } catch (e) {
        if (stopAsked.current) return null;
        throw e;
      }
    },
    onSuccess: (p, { c, next }) => {
      if (!p) return;
      setPreview(p);
      // From here on the mapping is the screen's: it is sent with every check and with the commit.
      setChoices({ ...c, mapping: p.mapping });
      if (!c.mapping) setMappingOrigin(p.mappingSource);
      if (next !== undefined) setStep(next);
    },
  });

  const commit = useMutation({
    mutationFn: async (): Promise<CommitOutcome> => {
      cancelAsked.current = false;
      try {
        return { result: await api.import.commit(input(current, choices, newJob('commit'))) };
      } catch (e) {
        if (cancelAsked.current) return { cancelled: true };
        throw e;
      }
    },
    onError: (e) => {
      // The file changed under the check (e.g. a patient registered meanwhile): the problems come back with the refusal.
      if (isApiError(e, 'VALIDATION') && e.details && typeof e.details === 'object' && 'problems' in e.details) {
        setPreview(e.details as ImportPreview);
      }
    },
  });
  const cancel = useMutation({
    mutationFn: () => {
      cancelAsked.current = true;
      return api.import.cancel({ jobId: job.current! });
    },
  });

  /** A long check of a big file can be stopped; the screen stays where it was. */
  const stopCheck = () => {
    stopAsked.current = true;
    if (job.current) void api.import.cancel({ jobId: job.current });
  };
  const checkBar = check.isPending ? <CheckProgress progress={progress} onStop={stopCheck} /> : null;

  /** A choice shows at once; the check it needs follows. */
  const recheck = (c: ImportChoices) => {
    setChoices(c);
    check.mutate({ c });
  };

  /** Everything after the file starts again: a new file, kind or hospital is a new import. */
  const restart = (next: Partial<Target>) => {
    const target: Target = { ...current, ...next };
    setKind(target.kind);
    setHospitalId(target.hospitalId);
    setFile(target.file);
    setPreview(null);
    setChoices(FRESH);
    setMappingOrigin(null);
    check.reset();
    commit.reset();
    cancel.reset();
    setStep(0);
    // The first check reads the file's shape: its delimiter, headers, row count and the mapping to start from.
    if (target.file && target.hospitalId) check.mutate({ c: FRESH, target });
  };

  const pickFile = async (f: File | null) => {
    setFileError(null);
    if (!f) return restart({ file: null });
    if (f.size > MAX_IMPORT_CHARS * 2) return setFileError(`The file is ${(f.size / 1_000_000).toFixed(0)} MB: split it into files of under ${MAX_IMPORT_CHARS / 2_000_000} MB.`);
    const decoded = decodeCsvBytes(new Uint8Array(await f.arrayBuffer()));
    if (decoded.text.trim() === '') return setFileError('The file is empty.');
    if (decoded.text.length > MAX_IMPORT_CHARS) return setFileError('The file is too large for one import: split it.');
    restart({ file: { raw: f, name: f.name, size: f.size, text: decoded.text, encoding: decoded.encoding, bom: decoded.bom } });
  };

  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const committing = commit.isPending;
  const done = !!commit.data && 'result' in commit.data;

  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Patients, staff, doctors, rooms and beds, and past appointments from another system's files. The file is checked first; a file with any problem imports nothing."
      />
      <Stepper active={done ? 4 : step} onStepClick={(s) => !committing && !done && s < step && setStep(s)} allowNextStepsSelect={false} size="sm" mb="xl" aria-label="Import steps">
        <Stepper.Step label="File" description="What and where" />
        <Stepper.Step label="Columns" description="Mapping and dates" />
        <Stepper.Step label="Check" description="Dry run" />
        <Stepper.Step label="Import" description={done ? 'Done' : 'All or nothing'} />
      </Stepper>
      {step === 0 && (
        <FileStep
          kind={kind}
          onKind={(k) => restart({ kind: k })}
          hospitalId={hospitalId}
          hospitals={hospitals}
          onHospital={(h) => restart({ hospitalId: h })}
          file={file}
          fileError={fileError}
          onFile={(f) => void pickFile(f)}
          preview={preview}
          delimiter={choices.delimiter}
          onDelimiter={(d) => recheck({ ...FRESH, delimiter: d })}
          checking={check.isPending}
          checkBar={checkBar}
          error={check.error?.message}
          onNext={() => setStep(1)}
        />
      )}
      {step === 1 && preview && file && (
        <MappingStep
          kind={kind}
          file={file}
          preview={preview}
          origin={mappingOrigin}
          choices={choices}
          onChoices={setChoices}
          checking={check.isPending}
          checkBar={checkBar}
          error={check.error?.message}
          onBack={() => setStep(0)}
          onCheck={() => check.mutate({ c: choices, next: 2 })}
        />
      )}
      {step === 2 && preview && file && (
        <CheckStep
          fileName={file.name}
          hospitalName={hospitals.find((h) => h.id === hospitalId)?.name ?? ''}
          preview={preview}
          choices={choices}
          onRecheck={recheck}
          checking={check.isPending}
          checkBar={checkBar}
          error={check.error?.message}
          onBack={() => setStep(1)}
          onImport={() => {
            setStep(3);
            commit.mutate();
          }}
        />
      )}
      {step === 3 && file && (
        <CommitStep
          kind={kind}
          fileName={file.name}
          hospitalName={hospitals.find((h) => h.id === hospitalId)?.name ?? ''}
          rows={preview?.rows ?? 0}
          committing={committing}
          progress={progress}
          outcome={commit.data ?? null}
          error={commit.error?.message}
          cancelling={cancel.isPending || (cancel.isSuccess && committing)}
          onCancel={() => cancel.mutate()}
          onBack={() => {
            commit.reset();
            cancel.reset();
            setStep(2);
          }}
          onAnother={() => restart({ file: null })}
        />
      )}
      <HistoryPanel hospitalId={hospitalId ?? hospital.id} />
    </>
  );
}
