/*
 * compliance_floor: the field-splitting floor of the benchmark (issue 13).
 *
 *   compliance_floor FILE
 *
 * The least work any CSV scorer must do on FILE: read it in 1 MiB chunks
 * and split every record into its fields (separator ',', records ended by
 * LF, a field in double quotes may hold separators, "" inside quotes), and
 * touch each field once (its length and first byte go into a checksum so
 * that the compiler cannot drop the loop). No number is parsed, nothing is
 * stored, nothing is validated. bench/run.sh times this program on the same
 * files as the library and prints the library's time as a multiple of it.
 *
 * Output: one line, "records=N fields=N checksum=N". Exit status 0, or 2 when
 * the file cannot be read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	FILE *f;
	size_t n, i;
	uint64_t records = 0, fields = 0, sum = 0, flen = 0;
	int inq = 0, first = -1;

	if (argc != 2) {
		fprintf(stderr, "usage: compliance_floor FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (i = 0; i < n; i++) {
			char c = buf[i];
			if (inq) {
				if (c == '"')
					inq = 0; /* a "" escape reopens at once */
				else
					flen++;
				continue;
			}
			if (c == ',' || c == '\n') {
				sum += flen * 31u + (uint64_t)(first & 0xff);
				fields++;
				flen = 0;
				first = -1;
				if (c == '\n')
					records++;
			} else if (c == '"') {
				inq = 1;
			} else if (c != '\r') {
				if (first < 0)
					first = (unsigned char)c;
				flen++;
			}
		}
	}
	if (ferror(f)) {
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	printf("records=%llu fields=%llu checksum=%llu\n", (unsigned long long)records,
	       (unsigned long long)fields, (unsigned long long)sum);
	return 0;
}
