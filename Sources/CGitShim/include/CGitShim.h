#ifndef SLAGIT_CGITSHIM_H
#define SLAGIT_CGITSHIM_H

/// Sets the folder libgit2 searches for the configuration file of one level
/// (GIT_CONFIG_LEVEL_SYSTEM, _GLOBAL, _XDG, _PROGRAMDATA). An empty path searches nowhere.
/// Swift cannot call the variadic git_libgit2_opts, so this fixes its arguments.
/// Returns libgit2's status: 0 on success, negative on error.
int slagit_git_set_config_search_path(int level, const char *path);


#endif
