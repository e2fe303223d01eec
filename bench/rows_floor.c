/*
 * compliance_rows_floor: the floor of the unit-score rows job itself (issue
 * 13, bench/run.sh section 5 (b)).
 *
 *   compliance_rows_floor [--record-bytes N] FILE
 *
 * FILE is a unit-score CSV, `entity,entity_type,unit,score` with a header.
 * The least work that job needs beyond splitting fields (bench/floor.c):
 * for every row, find or insert the entity in a hash table, find or insert
 * the unit in the entity's own hash table of its units (a unit given twice
 * is an error), parse the score to a scaled integer (4 decimals at
 * most, 0 to 100), and store one compact record (16 bytes: the score, the
 * entity, the unit's name in one name arena); at the end, each entity's
 * mean. Nothing else: names are compared byte for byte (no case folding,
 * no space normalisation, no UTF-8 check), the type is not checked, hashes
 * are FNV-1a (not keyed), nothing is rolled back, errors stop the program.
 * The big arrays are allocated as the library's are (transparent huge
 * pages where the kernel gives them), so that the floor is not slower
 * than it need be on page faults: on a virtual machine the memory a row
 * touches is a large part of its cost.
 *
 * --record-bytes N (16 to 4096, a multiple of 8; 16 by default) gives each
 * row's record N bytes, written whole as a struct is initialised: the
 * floor of the same job when a row keeps as much as the library's unit
 * record (N = sizeof(cp_unit)), so that the cost of the bytes a row keeps
 * can be told from the cost of the work.
 *
 * Output: one line, "rows=N entities=N checksum=N". Exit status 0; 1 on a
 * duplicate unit or a bad score; 2 when the file cannot be read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define HUGE ((size_t)2 << 20)

/* A growing array in transparent huge pages where possible. */
typedef struct grow {
	char *base; /* the allocation */
	char *p;    /* its first 2 MiB boundary */
	size_t len, cap;
} grow;

static void grow_to(grow *g, size_t need)
{
	size_t cap = g->cap ? g->cap : HUGE;
	char *base, *p;

	if (need <= g->cap)
		return;
	while (cap < need)
		cap *= 2;
	base = malloc(cap + HUGE);
	if (!base) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	p = base + (HUGE - (uintptr_t)base % HUGE) % HUGE;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	(void)madvise(p, cap, MADV_HUGEPAGE);
#endif
	if (g->len)
		memcpy(p, g->p, g->len);
	free(g->base);
	g->base = base;
	g->p = p;
	g->cap = cap;
}

typedef struct entity {
	uint32_t name; /* offset in the name arena */
	uint32_t nunits;
	int64_t sum;
	uint32_t *units; /* its units: record index + 1, 0 empty; load <= 1/2 */
	size_t umask;
} entity;

typedef struct record {
	int64_t score; /* scaled by 10^4 */
	uint32_t entity;
	uint32_t name; /* offset in the name arena */
} record;

static grow names, ents, recs;
static size_t rec_size = sizeof(record); /* --record-bytes */

static record *rec_at(size_t k)
{
	return (record *)(void *)(recs.p + k * rec_size);
}
static uint32_t *etab; /* entity index + 1, 0 empty */
static size_t emask, nents, nrecs;

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

static uint32_t add_name(const char *s, size_t n)
{
	size_t at = names.len;

	grow_to(&names, names.len + n + 1);
	memcpy(names.p + at, s, n);
	names.p[at + n] = '\0';
	names.len += n + 1;
	return (uint32_t)at;
}

static int same(uint32_t name, const char *s, size_t n)
{
	return !memcmp(names.p + name, s, n) && names.p[name + n] == '\0';
}

static uint32_t *table(size_t size)
{
	uint32_t *t = calloc(size, sizeof *t);

	if (!t) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return t;
}

static uint64_t ent_hash(uint32_t name)
{
	return fnv(names.p + name, strlen(names.p + name), 0xcbf29ce484222325u);
}

static uint64_t unit_hash(const char *s, size_t n)
{
	return fnv(s, n, 0xcbf29ce484222325u);
}

static void rehash(void)
{
	size_t i, j;

	if (nents + 1 > (emask + 1) / 2) {
		uint32_t *t = table((emask + 1) * 2);
		emask = (emask + 1) * 2 - 1;
		for (i = 0; i < nents; i++) {
			for (j = ent_hash(((entity *)ents.p)[i].name) & emask; t[j]; j = (j + 1) & emask)
				;
			t[j] = (uint32_t)i + 1;
		}
		free(etab);
		etab = t;
	}
}

static void unit_rehash(entity *e)
{
	size_t size = e->units ? (e->umask + 1) * 2 : 8, i, j;
	uint32_t *t;

	if (e->units && e->nunits + 1 <= (e->umask + 1) / 2)
		return;
	t = table(size);
	for (i = 0; e->units && i <= e->umask; i++) {
		if (e->units[i]) {
			const char *s = names.p + rec_at(e->units[i] - 1)->name;
			for (j = unit_hash(s, strlen(s)) & (size - 1); t[j]; j = (j + 1) & (size - 1))
				;
			t[j] = e->units[i];
		}
	}
	free(e->units);
	e->units = t;
	e->umask = size - 1;
}

/* "73.02" scaled by 10^4, or -1. */
static int64_t parse(const char *s, size_t n)
{
	int64_t v = 0;
	size_t i, k = 0;
	int point = 0, any = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (point && ++k > 4)
				return -1;
			if (v > 100000000)
				return -1;
			v = v * 10 + (s[i] - '0');
			any = 1;
		} else if (s[i] == '.' && !point) {
			point = 1;
		} else {
			return -1;
		}
	}
	while (k++ < 4)
		v *= 10;
	return any && v <= 1000000 ? v : -1;
}

static void row(const char *f[4], const size_t len[4], uint64_t line)
{
	uint64_t h = fnv(f[0], len[0], 0xcbf29ce484222325u);
	size_t j;
	uint32_t e;
	int64_t score = parse(f[3], len[3]);
	entity *ep;
	record *r;

	if (score < 0) {
		fprintf(stderr, "line %llu: bad score\n", (unsigned long long)line);
		exit(1);
	}
	rehash();
	for (j = h & emask; etab[j]; j = (j + 1) & emask)
		if (same(((entity *)ents.p)[etab[j] - 1].name, f[0], len[0]))
			break;
	if (!etab[j]) {
		grow_to(&ents, (nents + 1) * sizeof(entity));
		ep = &((entity *)ents.p)[nents];
		ep->name = add_name(f[0], len[0]);
		ep->nunits = 0;
		ep->sum = 0;
		ep->units = NULL;
		ep->umask = 0;
		etab[j] = (uint32_t)++nents;
		ents.len = nents * sizeof(entity);
	}
	e = etab[j] - 1;
	ep = &((entity *)ents.p)[e];
	unit_rehash(ep);
	for (j = unit_hash(f[2], len[2]) & ep->umask; ep->units[j]; j = (j + 1) & ep->umask) {
		r = rec_at(ep->units[j] - 1);
		if (same(r->name, f[2], len[2])) {
			fprintf(stderr, "line %llu: unit given twice\n", (unsigned long long)line);
			exit(1);
		}
	}
	grow_to(&recs, (nrecs + 1) * rec_size);
	r = rec_at(nrecs);
	memset(r, 0, rec_size);
	r->score = score;
	r->entity = e;
	r->name = add_name(f[2], len[2]);
	ep->units[j] = (uint32_t)++nrecs;
	recs.len = nrecs * rec_size;
	ep = &((entity *)ents.p)[e];
	ep->nunits++;
	ep->sum += score;
}

int main(int argc, char **argv)
{
	static char buf[(1 << 20) + 1];
	FILE *f;
	size_t have = 0, n, i, start, nf = 0;
	uint64_t line = 0, sum = 0;
	const char *fld[4];
	size_t flen[4];
	int inq = 0;

	if (argc == 4 && !strcmp(argv[1], "--record-bytes")) {
		char *end;
		unsigned long v = strtoul(argv[2], &end, 10);
		if (*end || v < sizeof(record) || v > 4096 || v % 8) {
			fprintf(stderr, "--record-bytes: 16 to 4096, a multiple of 8\n");
			return 2;
		}
		rec_size = v;
		argv += 2;
		argc -= 2;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: compliance_rows_floor [--record-bytes N] FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	emask = 15;
	etab = table(16);
	/* records split in place; a record cut by the end of the buffer moves
	 * to its start before the next read */
	while ((n = fread(buf + have, 1, sizeof buf - 1 - have, f)) > 0 || have) {
		size_t end = have + n, fs = 0;
		int last = n == 0;
		if (last && buf[end - 1] != '\n')
			buf[end++] = '\n';
		start = 0;
		nf = 0;
		inq = 0;
		for (i = 0; i < end; i++) {
			char c = buf[i];
			if (inq) {
				inq = c != '"';
				continue;
			}
			if (c == '"') {
				inq = 1;
			} else if (c == ',' || c == '\n') {
				size_t e = i;
				if (c == '\n' && e > fs && buf[e - 1] == '\r')
					e--;
				if (nf < 4) {
					fld[nf] = buf + fs;
					flen[nf] = e - fs;
					if (flen[nf] >= 2 && fld[nf][0] == '"') {
						fld[nf]++;
						flen[nf] -= 2;
					}
				}
				nf++;
				fs = i + 1;
				if (c == '\n') {
					if (line++ && nf >= 4)
						row(fld, flen, line);
					nf = 0;
					start = i + 1;
				}
			}
		}
		have = end - start;
		if (have == sizeof buf - 1) {
			fprintf(stderr, "a record longer than the buffer\n");
			return 2;
		}
		memmove(buf, buf + start, have);
		if (last)
			break;
	}
	if (ferror(f)) {
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	for (i = 0; i < nents; i++) {
		const entity *e = &((entity *)ents.p)[i];
		sum += (uint64_t)(e->sum / (e->nunits ? e->nunits : 1));
	}
	printf("rows=%llu entities=%llu checksum=%llu\n", (unsigned long long)nrecs,
	       (unsigned long long)nents, (unsigned long long)sum);
	return 0;
}
