/**
 * Public ids are UUIDv7: time-ordered, so inserts land at the end of the unique indexes instead of at
 * random pages (random v4 keys make every insert touch a different B-tree page).
 */
export { v7 as newId } from 'uuid';
