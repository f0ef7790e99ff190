// The pure CSV import rules: decoding, RFC 4180 parsing, delimiter detection, the header proposal, declared dates.
import { describe, expect, it } from 'vitest';
import {
  decodeCsvBytes,
  detectDelimiter,
  headerSignature,
  parseCsv,
  possibleDateFormats,
  proposeMapping,
  readChoice,
  readDate,
  readTime,
  unusedReason,
  ROOM_TYPE_VALUES,
  STAFF_ROLE_VALUES,
} from '@shared/domain/csv-import';

describe('decoding a file', () => {
  const enc = new TextEncoder();
  it('reads a UTF-8 byte-order mark, UTF-16 in both byte orders, plain UTF-8, and falls back to windows-1252', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Nàme,Ωmega')]))).toEqual({ text: 'Nàme,Ωmega', encoding: 'utf-8', bom: true });
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x2c, 0x00, 0xe9, 0x00]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'A,é', encoding: 'utf-16le', bom: true });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0x2c, 0x04, 0x16]);
    expect(decodeCsvBytes(be)).toEqual({ text: 'A,Ж', encoding: 'utf-16be', bom: true });
    expect(decodeCsvBytes(enc.encode('Okello,Ünal'))).toEqual({ text: 'Okello,Ünal', encoding: 'utf-8', bom: false });
    // "Müller" and "€5" saved by a Windows spreadsheet: not valid UTF-8.
    expect(decodeCsvBytes(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0x80, 0x35]))).toEqual({ text: 'Müller,€5', encoding: 'windows-1252', bom: false });
  });
});

describe('parsing (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF, a BOM and a last line without a break', () => {
    const text = '\uFEFFid,name,note\r\n1,"Okello, Ann","said ""hi"""\r\n2,Bob,"two\r\nlines"\r\n\r\n3,Cy,';
    const p = parseCsv(text, ',');
    expect(p.records).toEqual([
      ['id', 'name', 'note'],
      ['1', 'Okello, Ann', 'said "hi"'],
      ['2', 'Bob', 'two\r\nlines'],
      ['3', 'Cy', ''],
    ]);
    expect(p.lines).toEqual([1, 2, 3, 6]);
    expect(p.faults).toEqual([]);
  });
  it('reports a quote never closed and text after a closing quote', () => {
    expect(parseCsv('a,b\n1,"open\n2,3', ',').faults).toEqual([{ line: 2, message: 'A quoted field is never closed: the rest of the file was read into it.' }]);
    expect(parseCsv('a,b\n"x"y,2', ',').faults).toEqual([{ line: 2, message: 'Text after a closing quote: "y".' }]);
  });
  it('reads other delimiters and lone CR line ends', () => {
    expect(parseCsv('a;b\r1;2\r', ';').records).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\tb\n1\t"x\ty"', '\t').records).toEqual([['a', 'b'], ['1', 'x\ty']]);
  });
});

describe('delimiter detection', () => {
  it('takes the candidate the header line uses most, outside quotes', () => {
    expect(detectDelimiter('PatientID,FirstName,LastName\n')).toBe(',');
    expect(detectDelimiter('id;name;"a,b,c"\n1;2;3')).toBe(';');
    expect(detectDelimiter('id\tname\tdob\n')).toBe('\t');
    expect(detectDelimiter('id|name|dob\n')).toBe('|');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});

describe('declared date formats', () => {
  it('reads each format and keeps a time written after the date', () => {
    expect(readDate('2024-05-15', 'YYYY-MM-DD')).toEqual({ ok: true, date: '2024-05-15', time: null });
    expect(readDate('15/05/2024', 'DD/MM/YYYY')).toEqual({ ok: true, date: '2024-05-15', time: null });
    expect(readDate('05/15/2024', 'MM/DD/YYYY')).toEqual({ ok: true, date: '2024-05-15', time: null });
    expect(readDate('5.1.2024', 'DD/MM/YYYY')).toEqual({ ok: true, date: '2024-01-05', time: null });
    expect(readDate('2024-05-15 9:30', 'YYYY-MM-DD')).toEqual({ ok: true, date: '2024-05-15', time: '09:30' });
  });
  it('a 13 in the month position is an error, not a guess', () => {
    expect(readDate('13/05/2024', 'MM/DD/YYYY')).toEqual({ ok: false, message: '13 is not a month: dates are declared MM/DD/YYYY, which puts the month first.' });
    expect(readDate('05/13/2024', 'DD/MM/YYYY')).toEqual({ ok: false, message: '13 is not a month: dates are declared DD/MM/YYYY, which puts the month second.' });
    expect(readDate('2024-13-05', 'YYYY-MM-DD')).toEqual({ ok: false, message: '13 is not a month: dates are declared YYYY-MM-DD, which puts the month second.' });
  });
  it('impossible dates and other shapes are errors', () => {
    expect(readDate('31/02/2023', 'DD/MM/YYYY')).toEqual({ ok: false, message: 'No such date: February 2023 has no day 31.' });
    expect(readDate('29/02/2023', 'DD/MM/YYYY').ok).toBe(false);
    expect(readDate('29/02/2024', 'DD/MM/YYYY').ok).toBe(true);
    expect(readDate('2024-05-15', 'DD/MM/YYYY')).toEqual({ ok: false, message: 'Not a date written DD/MM/YYYY.' });
    expect(readDate('yesterday', 'YYYY-MM-DD').ok).toBe(false);
  });
  it('the formats a whole file fits: one, several (ambiguous), or none', () => {
    expect(possibleDateFormats(['2024-05-15', '1990-01-22'])).toEqual(['YYYY-MM-DD']);
    expect(possibleDateFormats(['03/04/2020', '11/12/2021'])).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(possibleDateFormats(['03/04/2020', '25/12/2021'])).toEqual(['DD/MM/YYYY']);
    expect(possibleDateFormats(['03/04/2020', '12/25/2021'])).toEqual(['MM/DD/YYYY']);
    expect(possibleDateFormats(['25/12/2021', '12/25/2021'])).toEqual([]);
  });
  it('times of day', () => {
    expect(readTime('9:30')).toBe('09:30');
    expect(readTime('2:05 pm')).toBe('14:05');
    expect(readTime('12:00 AM')).toBe('00:00');
    expect(readTime('24:00')).toBeNull();
  });
});

describe('header → field proposal', () => {
  it("maps the source projects' headers without help", () => {
    expect(proposeMapping('patients', ['PatientID', 'FirstName', 'LastName', 'DateOfBirth', 'Gender', 'Phone'])).toMatchObject({
      externalId: 'PatientID', firstName: 'FirstName', lastName: 'LastName', dateOfBirth: 'DateOfBirth', sex: 'Gender', phone: 'Phone',
    });
    expect(proposeMapping('staff', ['StaffId', 'StaffFirstName', 'StaffLastName', 'StaffDOB', 'StaffGender', 'StaffRole', 'StaffTelNo', 'StaffEmail'])).toMatchObject({
      externalId: 'StaffId', firstName: 'StaffFirstName', lastName: 'StaffLastName', staffRole: 'StaffRole', phone: 'StaffTelNo', email: 'StaffEmail',
    });
    expect(proposeMapping('appointments', ['AppointmentID', 'PatientID', 'DoctorID', 'AppointmentDate', 'AppointmentStatus'])).toMatchObject({
      externalId: 'AppointmentID', patientRef: 'PatientID', doctorRef: 'DoctorID', date: 'AppointmentDate', status: 'AppointmentStatus', time: null,
    });
    expect(proposeMapping('staff', ['AdminId', 'UserName'])).toMatchObject({ externalId: 'AdminId', firstName: null });
    expect(proposeMapping('rooms', ['RoomId', 'RoomType'])).toMatchObject({ externalId: 'RoomId', roomType: 'RoomType', number: null });
  });
  it('ignores case, spaces, underscores and dashes', () => {
    expect(proposeMapping('patients', ['patient_id', 'FIRST NAME', 'last-name', 'd.o.b', 'sex', 'Mobile No'])).toMatchObject({
      externalId: 'patient_id', firstName: 'FIRST NAME', lastName: 'last-name', dateOfBirth: 'd.o.b', sex: 'sex', phone: 'Mobile No',
    });
  });
  it('says why a column is not used, and gives a file shape its signature', () => {
    expect(unusedReason('staff', 'StaffDOB')).toBe('a staff record keeps no date of birth');
    expect(unusedReason('staff', 'UserName')).toBe('sign-in accounts are not created by an import: create them under Users');
    expect(unusedReason('patients', 'Shoe size')).toBe('no field of patients is mapped to it');
    expect(headerSignature(['Patient ID', 'First_Name'])).toBe('patientid|firstname');
  });
});

describe('fixed-list values', () => {
  it('reads the usual ways of writing them, and the administrator’s own translation first', () => {
    expect(readChoice('staffRole', STAFF_ROLE_VALUES, 'LabScientist')).toBe('technician');
    expect(readChoice('staffRole', STAFF_ROLE_VALUES, 'Admin')).toBe('admin');
    expect(readChoice('roomType', ROOM_TYPE_VALUES, 'semi-private rooms')).toBe('semi_private');
    expect(readChoice('roomType', ROOM_TYPE_VALUES, 'specialized units')).toBeNull();
    expect(readChoice('roomType', ROOM_TYPE_VALUES, 'specialized units', { 'specialized units': 'icu' })).toBe('icu');
    expect(readChoice('roomType', ROOM_TYPE_VALUES, 'x', { x: 'palace' })).toBeNull();
    expect(readChoice('sex', ['female', 'male', 'other', 'unknown'], 'F')).toBe('female');
    expect(readChoice('status', ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'], 'Scheduled')).toBe('booked');
  });
});
