// The hand-written SQL a program would need to draw the wards (the benchmarks' floors for the board, timeline and census).

/** The beds of a hospital with their rooms and floors: what every ward view lays out. */
export const LAYOUT = `SELECT b.id, b.label, b.state, r.id AS room_id, r.number, r.room_type, r.daily_rate, f.id AS floor_id, f.name, f.level
  FROM rooms r JOIN floors f ON f.id = r.floor_id JOIN beds b ON b.room_id = r.id WHERE r.hospital_id = ?`;
/** Who lies in which bed now, with the attending doctor. */
export const OCCUPANTS = `SELECT bs.occupied_bed_id, s.id, s.admitted_at, s.expected_discharge, p.patient_number, p.first_name, p.last_name, d.first_name AS doc_first, d.last_name AS doc_last
  FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id AND bs.occupied_bed_id IS NOT NULL JOIN patients p ON p.id = s.patient_id JOIN staff d ON d.id = s.attending_doctor_id
  WHERE s.hospital_id = ? AND s.status = 'admitted'`;
/** Reservations of a hospital that overlap a span of days (hospital, first day, last day). */
export const RESERVATIONS = `SELECT bb.id, bb.bed_id, bb.from_date, bb.to_date, p.patient_number, p.first_name, p.last_name
  FROM bed_bookings bb JOIN patients p ON p.id = bb.patient_id WHERE bb.hospital_id = ? AND bb.status = 'reserved' AND bb.to_date > ? AND bb.from_date <= ?`;
