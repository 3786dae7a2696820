#include "strata_build_info.h"

// scripts/dist writes build_commit.h (untracked) before a release build and removes it after, so
// that a new commit recompiles only this file; without it (development builds) the commit is unknown.
#if __has_include("build_commit.h")
#include "build_commit.h"
#endif

#ifndef STRATA_BUILD_COMMIT
#define STRATA_BUILD_COMMIT "unknown"
#endif

const char *strata_build_commit(void) {
    return STRATA_BUILD_COMMIT;
}
