// @routerd/agent/testing: fixtures for the tests of code that reads the kernel's addresses.
export { FAKE_IP_BIN, fakeIpDir, IP_ADDR_ABSENT, IP_ADDR_PRESENT } from './kernel-fixtures.js';
