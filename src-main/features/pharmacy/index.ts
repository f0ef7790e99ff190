// What other areas may use of the pharmacy: its entities (prescriptions name a medicine item; the demo data writes
// stock and dispensing) and how a medicine reads (label, units).
export { MedicineItemEntity, StockBatchEntity, StockMovementEntity } from './medicine.entity';
export { DispensingEntity } from './dispensing.entity';
export { medicineLabel, medicineName, unitsOf } from './rules';
