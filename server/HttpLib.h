#pragma once

// cpp-httplib, for every file of the service. On Windows, httplib.h includes wincrypt.h, whose macros
// OCSP_REQUEST and OCSP_RESPONSE (and the X509_ and PKCS7_ ones httplib itself removes) are names of
// OpenSSL's types too; a file that includes openssl/types.h before httplib.h would then see OpenSSL's OCSP
// declarations (openssl/ocsp.h) rewritten into Windows' constants. None of the service's code uses wincrypt's
// names.
#include <httplib.h>

#ifdef _WIN32
#undef OCSP_REQUEST
#undef OCSP_RESPONSE
#undef X509_NAME
#undef X509_EXTENSIONS
#undef PKCS7_SIGNER_INFO
#undef PKCS7_ISSUER_AND_SERIAL
#endif
