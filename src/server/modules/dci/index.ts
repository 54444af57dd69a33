export { dciSearch, DCI_SENDER_ID } from './dci.service.ts';
