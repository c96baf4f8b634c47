#define GIT_DEPRECATE_HARD
#include <git2.h>
#include "CGitShim.h"

int slagit_git_set_config_search_path(int level, const char *path)
{
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}
