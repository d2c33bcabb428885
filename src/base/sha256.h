/* sha256: the SHA-256 digest (FIPS 180-4) and its base64 form, for the
 * site's Content-Security-Policy hash of its stylesheet.  No allocation:
 * the caller supplies the output arrays. */
#ifndef SHIRYO_SHA256_H
#define SHIRYO_SHA256_H
#include <stddef.h>
#include <stdint.h>

/* The 32-byte digest of data[0..len). */
void sha256(const void *data, size_t len, uint8_t out[32]);
/* The digest in base64 (RFC 4648, with padding): 44 characters and a NUL. */
void sha256_base64(const void *data, size_t len, char out[45]);

#endif
