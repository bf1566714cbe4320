#pragma once
// Command-line subcommands. argv[0] is the subcommand name ("places", "mentions"); each returns
// the process exit code: 0 ok, 1 nothing usable loaded, 2 usage error or unknown place, 3 with
// --strict: something loaded but problems were reported. Problems always go to stderr.

int cmd_places(int argc, char** argv);
int cmd_mentions(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_unknown_names(int argc, char** argv);
