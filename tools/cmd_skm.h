/* compliance skm: the SKM/IKM command (tools/cmd_skm.c). */
#ifndef COMPLIANCE_CMD_SKM_H
#define COMPLIANCE_CMD_SKM_H

/*
 * Runs `compliance skm [OPTIONS] FILE|-`. argv holds the arguments after
 * the word "skm" (argv[argc] need not be NULL). Returns the exit status:
 * 0 success, 2 bad input or usage, 1 an internal failure (out of memory).
 */
int compliance_cli_skm(int argc, char **argv);

#endif
