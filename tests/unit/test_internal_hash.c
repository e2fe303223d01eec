/* The one hash (src/util/hash.c): SipHash-1-3 against the reference
 * vectors of the SipHash authors (vectors_sip13, 64-bit output, key
 * 00..0f, message 00..n-1), and keys that differ per table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/hash.h"

static void reference_vectors(void **state)
{
	/* the first bytes of vectors_sip13[n], read as little-endian */
	static const uint64_t want[] = { 0xabac0158050fc4dcULL, 0xc9f49bf37d57ca93ULL,
		                         0x82cb9b024dc7d44dULL, 0x8bf80ab8e7ddf7fbULL };
	unsigned char key[16], msg[16];
	cp_hash_key k;
	size_t i;

	(void)state;
	for (i = 0; i < 16; i++)
		key[i] = msg[i] = (unsigned char)i;
	memcpy(&k.k0, key, 8);
	memcpy(&k.k1, key + 8, 8);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(cp_hash(&k, msg, i), want[i]);
}

static void keys_differ(void **state)
{
	cp_hash_key a, b;

	(void)state;
	cp_hash_key_init(&a);
	cp_hash_key_init(&b);
	assert_false(a.k0 == b.k0 && a.k1 == b.k1);
	assert_int_not_equal(cp_hash(&a, "Kab. Contoh", 11), cp_hash(&b, "Kab. Contoh", 11));
	/* one key, one value */
	assert_int_equal(cp_hash(&a, "Kab. Contoh", 11), cp_hash(&a, "Kab. Contoh", 11));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reference_vectors),
		cmocka_unit_test(keys_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
