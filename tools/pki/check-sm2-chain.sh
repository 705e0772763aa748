#!/usr/bin/env bash
# Checks every SM2 signature of a CertDesk chain with OpenSSL 3.0's command line, one link at a time, each with
# the SM2 user ID 1234567812345678 (GM/T 0009, GB/T 35276):
#
#   check-sm2-chain.sh ROOT.pem ISSUING.pem [LEAF.pem ...] [--crl CRL.der]
#
# Why not one `openssl verify -CAfile root -untrusted issuing leaf`: `-vfyopt distid:` attaches the ID to the
# leaf only, every certificate above it is checked with the EMPTY ID and fails at depth 1. So each child is
# checked against its issuer alone (-partial_chain makes the issuer a trust anchor). The root's self-signature
# and a CRL's signature cannot be given an ID by `openssl verify` / `openssl crl` at all: for those the signed
# bytes (TBSCertificate, TBSCertList) are cut out with `openssl asn1parse` and checked with
# `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:...`. docs/pki.md explains each step.
set -euo pipefail
ID=1234567812345678
[ $# -ge 2 ] || { echo "usage: $0 ROOT.pem ISSUING.pem [LEAF.pem ...] [--crl CRL.der]" >&2; exit 2; }
root=$1 issuing=$2
shift 2
leaves=() crls=()
while [ $# -gt 0 ]; do
  if [ "$1" = --crl ]; then crls+=("$2"); shift 2; else leaves+=("$1"); shift; fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Signature of a DER SIGNED{} object ($1) by the key in certificate $2 (PEM), checked with pkeyutl and the ID.
check_raw() {
  local der=$1 signer=$2 what=$3 last
  # The first element inside the outer SEQUENCE is the to-be-signed part; the last is the signature BIT
  # STRING, whose content (after the unused-bits octet) -strparse writes out as DER SEQUENCE{r,s}.
  local tbs_offset
  tbs_offset=$(openssl asn1parse -inform DER -in "$der" | awk -F: 'NR==2 {gsub(/ /,"",$1); print $1}')
  last=$(openssl asn1parse -inform DER -in "$der" | awk -F: '/d=1/ {gsub(/ /,"",$1); o=$1} END {print o}')
  openssl asn1parse -inform DER -in "$der" -strparse "$tbs_offset" -noout -out "$work/tbs.der" >/dev/null
  openssl asn1parse -inform DER -in "$der" -strparse "$last" -noout -out "$work/sig.der" >/dev/null
  openssl x509 -in "$signer" -pubkey -noout >"$work/pub.pem"
  if openssl pkeyutl -verify -pubin -inkey "$work/pub.pem" -rawin -digest sm3 -pkeyopt "distid:$ID" \
      -in "$work/tbs.der" -sigfile "$work/sig.der" >/dev/null; then
    echo "$what: OK"
  else
    echo "$what: signature does not verify with SM2 user ID $ID" >&2
    return 1
  fi
}

status=0
openssl x509 -in "$root" -outform DER -out "$work/root.der"
check_raw "$work/root.der" "$root" "root self-signature ($root)" || status=1
openssl verify -partial_chain -CAfile "$root" -vfyopt "distid:$ID" "$issuing" || status=1
for leaf in "${leaves[@]}"; do
  openssl verify -partial_chain -CAfile "$issuing" -vfyopt "distid:$ID" "$leaf" || status=1
done
for crl in "${crls[@]}"; do
  check_raw "$crl" "$issuing" "CRL ($crl)" || status=1
done
exit $status
