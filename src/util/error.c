/* Error codes, messages and the version. */
#include <stdio.h>
#include <string.h>

#include "compliance/common.h"
#include "util/strbuf.h"
#include "util/util.h"

const char *compliance_strerror(int code)
{
	switch (code) {
	case COMPLIANCE_OK: return "success";
	case COMPLIANCE_E_INVALID: return "invalid argument or misuse of the API";
	case COMPLIANCE_E_NOMEM: return "out of memory";
	case COMPLIANCE_E_NOTFOUND: return "not found";
	case COMPLIANCE_E_PARSE: return "malformed input";
	case COMPLIANCE_E_RANGE: return "value out of range";
	case COMPLIANCE_E_OVERFLOW: return "number too large to hold exactly";
	case COMPLIANCE_E_IO: return "input/output error";
	case COMPLIANCE_E_DUPLICATE: return "duplicate entry";
	case COMPLIANCE_E_NO_ASSESSMENT: return "no assessment was held that year";
	case COMPLIANCE_E_MISSING: return "required value missing";
	case COMPLIANCE_E_PROFILE: return "invalid profile";
	case COMPLIANCE_E_STATE: return "operation not valid in the object's state";
	case COMPLIANCE_E_BUFFER: return "buffer too small";
	default: return "unknown error";
	}
}

unsigned compliance_version(void)
{
	return COMPLIANCE_VERSION_NUMBER;
}

const char *compliance_version_string(void)
{
	return COMPLIANCE_VERSION_STRING;
}

void cp_error_clear(cp_error *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}

int cp_error_vset(cp_error *e, int code, const char *fmt, va_list ap)
{
	char raw[CP_ERRMSG_MAX];

	e->code = code;
	vsnprintf(raw, sizeof raw, fmt, ap);
	cp_utf8_trim(raw);
	/* messages quote input: no control character reaches a terminal */
	cp_escape_fixed(e->msg, sizeof e->msg, raw);
	return code;
}

int cp_error_set(cp_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cp_error_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}
