/*
 * compliance_skm_floor: the floor of the SKM job with the duplicate-id
 * check (issue 13), next to the field-splitting floor (bench/floor.c).
 *
 *   compliance_skm_floor [--huge] FILE
 *
 * The least work a duplicate check over FILE's first column can do on top
 * of splitting it: the field-splitting loop of floor.c, and for every
 * record after the first the first field's bytes appended to one buffer
 * (their end in an array) and the id put into the simplest open-addressing
 * table that finds a repeat without reading the ids again: 32-bit slots
 * (the id's index + 1 in the low bits, the hash's high bits above as a
 * tag, as the library's), linear probing, sized once from the file's size
 * and its first row like the library's, calloc'd (fresh zero pages from
 * the kernel), an unkeyed multiply hash of 8-byte words, the ids put in
 * batches of 32 whose slots are prefetched when hashed (without that each
 * id waits for one random memory access: 2-3 times slower here). Nothing
 * else: no answer is parsed or summed, no id validated; a repeated id is
 * counted, kept in the buffer, not put in the table. With --huge the three arrays are 2 MiB-aligned and marked
 * MADV_HUGEPAGE (as the library's big blocks are): on a machine where a
 * page fault is dear (a VM) that is most of the difference. bench/run.sh
 * prints the library's time as a multiple of the faster of the two: what
 * the check costs beyond its own floor.
 *
 * Output: one line, "records=N ids=N duplicates=N checksum=N". Exit status
 * 0, or 2 when the file cannot be read or memory runs out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

static int huge;

/* size bytes, 2 MiB-aligned and marked for huge pages with --huge */
static void *block(size_t size)
{
	void *p;

	if (!huge)
		return malloc(size);
	size = (size + ((size_t)2 << 20) - 1) & ~(((size_t)2 << 20) - 1);
	p = aligned_alloc((size_t)2 << 20, size);
	if (p)
		madvise(p, size, MADV_HUGEPAGE);
	return p;
}

static uint32_t hash(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9u;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0x94D049BB133111EBu;
	return (uint32_t)(h ^ (h >> 32));
}

#define BATCH 32

/* Puts the batch (ids first .. first + *npend - 1, their hashes in pend)
 * into the table; returns how many were there already (not put). */
static uint64_t flush(uint32_t *slots, uint32_t mask, const uint64_t *ends, const char *bytes,
                      size_t first, const uint32_t *pend, size_t *npend)
{
	uint64_t dups = 0;
	size_t b;

	for (b = 0; b < *npend; b++) {
		size_t id = first + b, start = id ? (size_t)ends[id - 1] : 0;
		size_t len = (size_t)ends[id] - start, j;
		uint32_t h = pend[b], v;
		for (j = h & mask; (v = slots[j]) != 0; j = (j + 1) & mask) {
			size_t k = (v & mask) - 1, ks = k ? (size_t)ends[k - 1] : 0;
			if (((v ^ h) & ~mask) == 0 && ends[k] - ks == len &&
			    !memcmp(bytes + ks, bytes + start, len))
				break;
		}
		if (v)
			dups++;
		else
			slots[j] = (h & ~mask) | (uint32_t)(id + 1);
	}
	*npend = 0;
	return dups;
}

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	FILE *f;
	struct stat st;
	size_t n, i, nslots = 64, nids = 0, cap, nbytes = 0, capbytes, npend = 0;
	uint32_t pend[BATCH];
	uint64_t records = 0, fields = 0, sum = 0, flen = 0, dups = 0;
	uint32_t *slots, mask;
	uint64_t *ends;
	char *bytes;
	int inq = 0, first = -1, field0 = 1;

	if (argc == 3 && !strcmp(argv[1], "--huge"))
		huge = 1, argv++, argc--;
	if (argc != 2) {
		fprintf(stderr, "usage: compliance_skm_floor [--huge] FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fstat(fileno(f), &st) != 0) {
		perror(argv[1]);
		return 2;
	}
	/* the room: rows guessed from the size and the first data row, as the
	 * library does (a guess; the arrays grow when it is short) */
	n = fread(buf, 1, sizeof buf, f);
	{
		const char *a = memchr(buf, '\n', n), *b = a ? memchr(a + 1, '\n', n - (size_t)(a + 1 - buf)) : NULL;
		size_t row = b ? (size_t)(b - a) : 64;
		cap = (size_t)st.st_size / row + 1;
	}
	while (cap * 4 > nslots * 3)
		nslots *= 2;
	mask = (uint32_t)(nslots - 1);
	capbytes = cap * 10;
	slots = huge ? block(nslots * sizeof *slots) : calloc(nslots, sizeof *slots);
	if (huge && slots)
		memset(slots, 0, nslots * sizeof *slots);
	ends = block(cap * sizeof *ends);
	bytes = block(capbytes);
	if (!slots || !ends || !bytes) {
		fprintf(stderr, "compliance_skm_floor: out of memory\n");
		return 2;
	}
	if (nslots > ((size_t)1 << 31)) {
		fprintf(stderr, "compliance_skm_floor: too many rows\n");
		return 2;
	}
	for (; n > 0; n = fread(buf, 1, sizeof buf, f)) {
		for (i = 0; i < n; i++) {
			char c = buf[i];
			if (inq) {
				if (c == '"')
					inq = 0; /* a "" escape reopens at once */
				else {
					flen++;
					if (field0 && records) {
						if (nbytes == capbytes && !(bytes = realloc(bytes, capbytes *= 2)))
							return 2;
						bytes[nbytes++] = c;
					}
				}
				continue;
			}
			if (c == ',' || c == '\n') {
				sum += flen * 31u + (uint64_t)(first & 0xff);
				fields++;
				flen = 0;
				first = -1;
				if (field0 && records) {
					/* the id is complete: hashed, its slot prefetched,
					 * into the table with the batch */
					size_t start = nids ? (size_t)ends[nids - 1] : 0;
					uint32_t h = hash(bytes + start, nbytes - start);
					if (nids == cap) {
						cap *= 2;
						if (!(ends = realloc(ends, cap * sizeof *ends)))
							return 2;
					}
					if ((nids + 1) * 4 > nslots * 3) {
						fprintf(stderr, "compliance_skm_floor: the guess of the rows was "
						                "short\n");
						return 2;
					}
					ends[nids++] = nbytes;
					__builtin_prefetch(&slots[h & mask]);
					pend[npend++] = h;
					if (npend == BATCH)
						dups += flush(slots, mask, ends, bytes, nids - npend, pend, &npend);
				}
				field0 = c == '\n';
				if (c == '\n')
					records++;
			} else if (c == '"') {
				inq = 1;
			} else if (c != '\r') {
				if (first < 0)
					first = (unsigned char)c;
				flen++;
				if (field0 && records) {
					if (nbytes == capbytes && !(bytes = realloc(bytes, capbytes *= 2)))
						return 2;
					bytes[nbytes++] = c;
				}
			}
		}
	}
	dups += flush(slots, mask, ends, bytes, nids - npend, pend, &npend);
	if (ferror(f)) {
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	printf("records=%llu ids=%llu duplicates=%llu checksum=%llu\n", (unsigned long long)records,
	       (unsigned long long)(nids - dups), (unsigned long long)dups, (unsigned long long)sum);
	free(slots);
	free(ends);
	free(bytes);
	return 0;
}
