#include "strata_build_info.h"

#ifndef STRATA_BUILD_COMMIT
#define STRATA_BUILD_COMMIT "unknown"
#endif

const char *strata_build_commit(void) {
    return STRATA_BUILD_COMMIT;
}
