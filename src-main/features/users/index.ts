// What other areas may use of user accounts: the account record and how a password is hashed (setup's first admin).
export { UserEntity } from './user.entity';
export { hashPassword, verifyPassword } from './passwords';
