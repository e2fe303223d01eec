/*
 * The commands of the compliance program. Each takes the command line from
 * its own name on (argv[0] is "score", "profile", ...), answers --help with
 * its usage on standard output, and returns the exit status.
 */
#ifndef COMPLIANCE_CLI_COMMANDS_H
#define COMPLIANCE_CLI_COMMANDS_H

int cmd_profiles(int argc, char **argv); /* tools/cmd_profile.c */
int cmd_profile(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_score(int argc, char **argv); /* tools/cmd_score.c: score, explain, advise, report */
int cmd_compare(int argc, char **argv); /* tools/cmd_compare.c */
int cmd_template(int argc, char **argv); /* tools/cmd_template.c */

#endif
