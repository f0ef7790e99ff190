// What other areas may use of billing: charging a consultation or a stay, and the hospital's billing rules.
export { ChargeEntity } from './charge.entity';
export { billingSettings, chargeConsultation, chargeFor, unbilledCharges, withdrawCharge, type ChargeSource } from './charges.service';
