import { describe, expect, test } from 'vitest';
import { base32, fnv32a, hex, safeEncodeString, sha256 } from '../../../src/engine/sim/hash';

const chain = (prefix: string, input: string) => prefix + base32(sha256(input)).slice(0, 16);

describe('sha256', () => {
  test('matches the FIPS 180-4 test vectors', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('kube-proxy chain names (golden vectors from real clusters)', () => {
  test.each([
    ['KUBE-SVC-', 'ns1/svc1:p80tcp', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['KUBE-SEP-', 'ns1/svc1:p80tcp10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['KUBE-SVC-', 'kube-system/kube-dns:dnsudp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['KUBE-SVC-', 'default/kubernetes:httpstcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['KUBE-SVC-', 'default/shoptcp', 'KUBE-SVC-PFINMTQ5Y2TT4XZK'],
    ['KUBE-SEP-', 'default/shoptcp10.244.1.3:8080', 'KUBE-SEP-3WAOER3DW6LNFEFV'],
  ])('%s%s', (prefix, input, expected) => {
    expect(chain(prefix, input)).toBe(expected);
  });
});

describe('fnv32a and SafeEncodeString', () => {
  test('fnv32a matches Go hash/fnv New32a', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  test('SafeEncodeString maps digits into the consonant alphabet', () => {
    expect(safeEncodeString('0123456789')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(safeEncodeString('0')).toBe('bcdfghjklmnpqrstvwxz2456789'[48 % 27]);
  });
});
