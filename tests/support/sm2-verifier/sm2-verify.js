#!/usr/bin/env node
// Verifies the SM2-with-SM3 signature of a DER certificate, CRL, PKCS#10 request or OCSP response with
// sm-crypto, an SM2 implementation that shares no code with OpenSSL, so that a second reading of GB/T 32918.2
// checks ours.
//
//   node sm2-verify.js [--id ID] OBJECT.der [SIGNER-CERTIFICATE.der]
//
// OBJECT is any X.509 SIGNED{} structure: SEQUENCE { toBeSigned, AlgorithmIdentifier, BIT STRING }, or an
// OCSPResponse (RFC 6960 §4.2.1), whose BasicOCSPResponse is one with the responder's certificates after it. The
// signer's key is the SubjectPublicKeyInfo of SIGNER-CERTIFICATE; without one, OBJECT's own (a self-signed
// certificate or a CSR). ID is the SM2 user ID (default 1234567812345678, GM/T 0009); `--id ""` is the empty
// ID. Prints one line; exit 0 = the signature verifies, 1 = it does not, 2 = unreadable input.
'use strict';

const fs = require('fs');
const { sm2 } = require('sm-crypto');

const SM2_WITH_SM3 = '2a811ccf55018375'; // 1.2.156.10197.1.501
const EC_PUBLIC_KEY = '2a8648ce3d0201'; // 1.2.840.10045.2.1
const SM2_CURVE = '2a811ccf5501822d'; // 1.2.156.10197.1.301

function fail(message) {
  console.log(`unreadable: ${message}`);
  process.exit(2);
}

// One DER TLV at `offset`: { tag, start, contentStart, end } (definite lengths only, as DER requires).
function readTlv(bytes, offset) {
  if (offset + 2 > bytes.length) fail('truncated DER');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) fail('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) fail('DER element runs past the end');
  return { tag, start: offset, contentStart, end };
}

function children(bytes, tlv) {
  const list = [];
  for (let at = tlv.contentStart; at < tlv.end;) {
    const child = readTlv(bytes, at);
    list.push(child);
    at = child.end;
  }
  return list;
}

const hex = (bytes, tlv) => Buffer.from(bytes.subarray(tlv.contentStart, tlv.end)).toString('hex');

// An OCSPResponse's BasicOCSPResponse (RFC 6960 §4.2.1: SEQUENCE { ENUMERATED responseStatus, [0] EXPLICIT
// SEQUENCE { responseType OID, response OCTET STRING } }); any other object as it is.
function unwrapOcspResponse(bytes) {
  const outer = readTlv(bytes, 0);
  if (outer.tag !== 0x30) return bytes;
  const parts = children(bytes, outer);
  if (parts.length !== 2 || parts[0].tag !== 0x0a || parts[1].tag !== 0xa0) return bytes;
  const [responseBytes] = children(bytes, parts[1]);
  const [, octets] = children(bytes, responseBytes);
  if (!octets || octets.tag !== 0x04) fail('OCSPResponse without a response OCTET STRING');
  return bytes.subarray(octets.contentStart, octets.end);
}

// The SEQUENCE { toBeSigned, algorithm, signature } of a certificate, CRL or CSR (a BasicOCSPResponse may
// carry [0] certs after it).
function signed(bytes) {
  const outer = readTlv(bytes, 0);
  if (outer.tag !== 0x30 || outer.end !== bytes.length) fail('not one DER SEQUENCE');
  const parts = children(bytes, outer);
  const extra = parts.length === 4 && parts[3].tag === 0xa0;
  if ((parts.length !== 3 && !extra) || parts[0].tag !== 0x30 || parts[1].tag !== 0x30 || parts[2].tag !== 0x03)
    fail('not a SIGNED{} structure');
  const algorithm = children(bytes, parts[1]);
  if (algorithm.length < 1 || algorithm[0].tag !== 0x06) fail('bad AlgorithmIdentifier');
  const bits = bytes.subarray(parts[2].contentStart, parts[2].end);
  if (bits[0] !== 0) fail('signature BIT STRING with unused bits');
  return {
    tbs: bytes.subarray(parts[0].start, parts[0].end),
    tbsTlv: parts[0],
    algorithm: hex(bytes, algorithm[0]),
    signature: Buffer.from(bits.subarray(1)).toString('hex'),
  };
}

// 04||X||Y (hex) of an SM2 SubjectPublicKeyInfo.
function sm2Point(bytes, spki) {
  const [algorithm, key] = children(bytes, spki);
  const [type, curve] = children(bytes, algorithm);
  if (hex(bytes, type) !== EC_PUBLIC_KEY || !curve || hex(bytes, curve) !== SM2_CURVE)
    fail('the signer key is not an SM2 key (id-ecPublicKey, sm2p256v1)');
  const point = bytes.subarray(key.contentStart + 1, key.end);
  if (point.length !== 65 || point[0] !== 0x04) fail('the SM2 public key is not an uncompressed point');
  return Buffer.from(point).toString('hex');
}

// The SubjectPublicKeyInfo of a certificate (TBSCertificate field 7, after the optional [0] version) or of
// a CSR (CertificationRequestInfo field 3).
function publicKeyOf(bytes) {
  const { tbsTlv } = signed(bytes);
  const fields = children(bytes, tbsTlv);
  if (fields[0].tag === 0xa0) return sm2Point(bytes, fields[6]); // certificate, v3
  if (fields[0].tag === 0x02 && fields[1].tag === 0x30 && fields[2].tag === 0x30 && fields.length <= 4)
    return sm2Point(bytes, fields[2]); // CSR: version, subject, subjectPKInfo, [0] attributes
  return sm2Point(bytes, fields[5]); // v1 certificate
}

const args = process.argv.slice(2);
let id = '1234567812345678';
if (args[0] === '--id') {
  if (args.length < 2) fail('--id needs a value');
  id = args[1];
  args.splice(0, 2);
}
if (args.length < 1 || args.length > 2) fail('usage: sm2-verify.js [--id ID] OBJECT.der [SIGNER.der]');

const object = unwrapOcspResponse(new Uint8Array(fs.readFileSync(args[0])));
const parsed = signed(object);
if (parsed.algorithm !== SM2_WITH_SM3) fail('not signed SM2-with-SM3');
const signer = args.length === 2 ? new Uint8Array(fs.readFileSync(args[1])) : object;
const publicKey = publicKeyOf(signer);

const ok = sm2.doVerifySignature(Array.from(parsed.tbs), parsed.signature, publicKey, {
  der: true,
  hash: true,
  userId: id,
});
console.log(`${ok ? 'verified' : 'BAD SIGNATURE'} with SM2 user ID "${id}": ${args[0]}`);
process.exit(ok ? 0 : 1);
