// What other areas may use of wards, beds and theatres: the floor, room and bed records and bed labels (the CSV import
// writes rooms and beds).
export { FloorEntity, RoomEntity, BedEntity } from './ward.entity';
export { bedLabel } from './rooms.service';
