// Deprecated libgit2 names must not creep into slagit.
#define GIT_DEPRECATE_HARD
#include <git2.h>
