/*
 * The project's methodology (docs/methodology.md) and the built-in
 * profiles that cite it: every citation names a section that exists, and
 * no profile cites a file outside the repository.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

static char *slurp(const char *rel)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", COMPLIANCE_SOURCE_DIR, rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Whether the document has the heading "## <section>. " at a line start. */
static int has_section(const char *doc, const char *section)
{
	char want[32];
	const char *p;

	snprintf(want, sizeof want, "\n## %s. ", section);
	p = strstr(doc, want);
	return p != NULL;
}

/* The sections the profiles cite (and the others the document keeps). */
static void test_sections(void **state)
{
	static const char *const sections[] = { "1", "2", "3", "4", "4b", "5", "6", "7" };
	char *doc = slurp("docs/methodology.md");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (!has_section(doc, sections[i]))
			fail_msg("docs/methodology.md has no section %s", sections[i]);
	/* the confidence marks and the facts the tests rely on */
	assert_non_null(strstr(doc, "**[S]**"));
	assert_non_null(strstr(doc, "**[V]**"));
	assert_non_null(strstr(doc, "**[I]**"));
	assert_non_null(strstr(doc, "Kota\n  Magelang 2021"));
	assert_non_null(strstr(doc, "tests/data/discrepancies.csv"));
	free(doc);
}

/* The built-in profiles: every JSON file under profiles/, sorted. */
static size_t profile_files(char files[][128], size_t max)
{
	DIR *d = opendir(COMPLIANCE_SOURCE_DIR "/profiles");
	struct dirent *de;
	size_t n = 0, i, j;

	assert_non_null(d);
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name);
		if (len > 5 && len < 100 && !strcmp(de->d_name + len - 5, ".json")) {
			memcpy(files[n], "profiles/", 9);
			memcpy(files[n] + 9, de->d_name, len + 1);
			n++;
		}
	}
	closedir(d);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(files[j - 1], files[j]) > 0; j--) {
			char t[128];
			memcpy(t, files[j], 128);
			memcpy(files[j], files[j - 1], 128);
			memcpy(files[j - 1], t, 128);
		}
	return n;
}

/*
 * Every citation "docs/methodology.md §N" of every built-in profile names a
 * section of the document, every profile cites it, and none cites
 * "METHODOLOGY.md" (a file outside the repository).
 */
static void test_profile_citations(void **state)
{
	static char files[64][128];
	static const char cite[] = "docs/methodology.md \xC2\xA7"; /* "§" in UTF-8 */
	char *doc = slurp("docs/methodology.md");
	size_t i, total = 0, nfiles = profile_files(files, 64);

	(void)state;
	assert_true(nfiles >= 15);
	for (i = 0; i < nfiles; i++) {
		char *text = slurp(files[i]);
		const char *p;
		size_t n = 0;

		if (strstr(text, "METHODOLOGY"))
			fail_msg("%s cites METHODOLOGY.md, which is not in the repository", files[i]);
		for (p = text; (p = strstr(p, cite)); n++) {
			char section[8];
			size_t k = 0;

			p += sizeof cite - 1;
			while (k + 1 < sizeof section && ((*p >= '0' && *p <= '9') || *p == 'b'))
				section[k++] = *p++;
			section[k] = '\0';
			if (!k || !has_section(doc, section))
				fail_msg("%s cites docs/methodology.md section '%s', which does not exist",
				         files[i], section);
		}
		if (!n)
			fail_msg("%s does not cite docs/methodology.md", files[i]);
		total += n;
		free(text);
	}
	assert_true(total > 100);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_profile_citations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
